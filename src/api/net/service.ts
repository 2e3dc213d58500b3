/**
 * dcos-net's REST API behind Admin Router's `/net/` (DN:apps/dcos_rest/src/dcos_rest_sup.erl:15-37, networking-sources.md
 * §2.4): the VIPs with their backends, DNS lookups in dcos-dns's zones, the nodes, the version. Every node's dcos-net
 * holds the same gossiped state, so any master answers the same.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { dcosDnsLookup, dcosDnsRecords } from '../../engine/dcos-net/dns-zone.ts';
import { vipsAt } from '../../engine/dcos-net/vips.ts';
import { recordsOf } from '../../engine/dns/generate.ts';
import { servedLoad } from '../../engine/dns/reload.ts';
import { answeringMesosDns } from '../../engine/dcos-net/resolve.ts';
import { methodNotAllowed, notFound, ok } from '../http.ts';
import type { ApiService, RoutedRequest } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import type { NetHost, NetNode, NetService, NetVersion, NetVip } from '../shapes/net.ts';
import { networkingService } from './networking.ts';

/** `*.mesos.thisdcos.directory`: dcos-dns's copy of Mesos-DNS's zone (dcos_dns_mesos_dns.erl), names rewritten. */
const MESOS_COPY = '.mesos.thisdcos.directory';

export const netService: ApiService = {
  prefix: 'net',
  handle: (api, request) => answer(api.state, api.ctx.now, request),
};

export { networkingService };

function answer(state: ClusterState, now: number, { req, segments }: RoutedRequest): ApiResponse {
  const [version, route, param, ...rest] = segments;
  if (version !== 'v1' || rest.length > 0) return notFound();
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  switch (route) {
    case 'vips':
      return param === undefined ? ok(netVips(state, now)) : notFound();
    case 'hosts':
      return param === undefined ? notFound() : ok(hosts(state, now, param));
    case 'services':
      return param === undefined ? notFound() : ok(services(state, param));
    case 'nodes':
      return ok(nodes(state, now));
    case 'version':
      return ok({ Service: 'dcos-dns', Version: '0.0.1' } satisfies NetVersion);
    case 'config':
    case 'enumerate':
      return { status: 501, body: '' };
    case 'records':
      return ok(records(state, now));
    default:
      return notFound();
  }
}

function netVips(state: ClusterState, now: number): NetVip[] {
  return vipsAt(state, now).map((v) => ({
    backend: v.backends.map((b) => ({ ip: b.ip, port: b.port })),
    protocol: v.protocol,
    vip: `${v.name}:${v.port}`,
  }));
}

const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** The Mesos-DNS records dcos-dns copied, by their `.mesos` name. */
function mesosCopy(state: ClusterState) {
  const master = answeringMesosDns(state);
  const load = master === null ? null : servedLoad(state, master);
  return load ? recordsOf(load) : null;
}

function hosts(state: ClusterState, now: number, param: string): NetHost[] {
  const name = bare(param);
  if (name.endsWith(MESOS_COPY)) {
    const ips = mesosCopy(state)?.as.get(`${name.slice(0, -MESOS_COPY.length)}.mesos.`) ?? [];
    return ips.map((ip) => ({ host: name, ip }));
  }
  return dcosDnsLookup(state, name, now).map((ip) => ({ host: name, ip }));
}

function services(state: ClusterState, param: string): NetService[] {
  const name = bare(param);
  if (!name.endsWith(MESOS_COPY)) return [];
  const copy = mesosCopy(state);
  const srvs = copy?.srvs.get(`${name.slice(0, -MESOS_COPY.length)}.mesos.`) ?? [];
  return srvs.map((hostPort) => {
    const cut = hostPort.lastIndexOf(':');
    const target = hostPort.slice(0, cut).replace(/\.mesos\.?$/, MESOS_COPY);
    const ip = copy?.as.get(`${hostPort.slice(0, cut).replace(/\.$/, '')}.`)?.[0];
    return { host: target, ...(ip !== undefined ? { ip } : {}), port: Number(hostPort.slice(cut + 1)), service: name };
  });
}

function nodes(state: ClusterState, now: number): NetNode[] {
  const updated = new Date(SIM_EPOCH_MS + now).toISOString();
  const masters = state.masters.filter((m) => m.up).map((m) => ({ hostname: m.hostname, private_ip: m.ip, public_ips: [], updated }));
  const agents = state.agents
    .filter((a) => !a.gone && a.registeredAt !== null)
    .map((a) => ({ hostname: a.hostname, private_ip: a.ip, public_ips: [], updated }));
  return [...masters, ...agents];
}

function records(state: ClusterState, now: number): Array<{ name: string; host: string; rtype: string }> {
  return [...dcosDnsRecords(state, now)].flatMap(([name, ips]) => ips.map((host) => ({ name, host, rtype: 'A' })));
}
