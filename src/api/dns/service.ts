/**
 * `/mesos_dns/…`: Admin Router proxies it to the Mesos-DNS of the master that received the request
 * (DC:packages/adminrouter/extra/src/includes/http/master.conf:37-39). The sandbox has no receiving master, so it
 * answers from the leading master's Mesos-DNS, or without a leader from the first master that is up (inferred).
 */
import { answeringMesosDns } from '../../engine/dcos-net/resolve.ts';
import { servedLoad } from '../../engine/dns/reload.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { ok } from '../http.ts';
import type { ApiService, RoutedRequest } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import { axfrAnswer, enumerateAnswer, hostsAnswer, servicesAnswer } from './answers.ts';
import { recordsOf } from '../../engine/dns/generate.ts';
import { MESOS_DNS_VERSION, mesosDnsConfig } from './config.ts';
import type { MesosDnsVersion } from '../shapes/dns.ts';

/**
 * Before its first load Mesos-DNS does not listen (MD@pin main.go:47-64); Admin Router then answers as for an upstream
 * that is down (inferred: the sandbox says 503).
 */
const NOT_SERVING: ApiResponse = { status: 503, body: 'Service Unavailable' };
/** go-restful's answers for a path or a method it has no route for (inferred from go-restful's defaults). */
const NO_ROUTE: ApiResponse = { status: 404, body: '404: Page Not Found' };
const NOT_ALLOWED: ApiResponse = { status: 405, body: '405: Method Not Allowed' };

export const mesosDnsService: ApiService = {
  prefix: 'mesos_dns',
  handle: (api, request) => answer(api.state, request),
};

function answer(state: ClusterState, { req, segments }: RoutedRequest): ApiResponse {
  const [version, route, param, more, ...rest] = segments;
  const known =
    version === 'v1' &&
    rest.length === 0 &&
    (((route === 'version' || route === 'config' || route === 'enumerate' || route === 'axfr') && param === undefined) ||
      ((route === 'hosts' || route === 'services') && param !== undefined && more === undefined) ||
      (route === 'hosts' && param !== undefined && more === 'ports'));
  const master = answeringMesosDns(state);
  const load = master === null ? null : servedLoad(state, master);
  if (!load) return NOT_SERVING;
  if (!known) return NO_ROUTE;
  if (req.method !== 'GET') return NOT_ALLOWED;
  const records = recordsOf(load);
  switch (route) {
    case 'version':
      return ok({
        Service: 'Mesos-DNS',
        URL: 'https://github.com/mesosphere/mesos-dns',
        Version: MESOS_DNS_VERSION,
      } satisfies MesosDnsVersion);
    case 'config':
      return ok(mesosDnsConfig(records.serial));
    case 'enumerate':
      return ok(enumerateAnswer(records));
    case 'axfr':
      return ok(axfrAnswer(records));
    case 'services':
      return ok(servicesAnswer(records, param!));
    default:
      // resolver.go:727-732.
      return more === 'ports' ? { status: 501, body: 'To be implemented...' } : ok(hostsAnswer(records, param!));
  }
}
