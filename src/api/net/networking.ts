/**
 * [Enterprise] `/networking/api/v1/…`, what the Enterprise UI's Service Addresses reads (UI:plugins/networking/…/
 * NetworkingActions.ts; shapes from the UI's fixtures, networking-sources.md §2.4): the VIPs, and a VIP's backends.
 * Open DC/OS has no such route; the sandbox serves it as Enterprise does, with request counts from its traffic clients.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import { vipsAt } from '../../engine/dcos-net/vips.ts';
import { methodNotAllowed, notFound, ok } from '../http.ts';
import type { ApiService, RoutedRequest } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import type { NetworkingVips } from '../shapes/net.ts';

export const networkingService: ApiService = {
  prefix: 'networking/api',
  handle: (api, request) => answer(api.state, api.ctx.now, request),
};

function answer(state: ClusterState, now: number, { req, segments }: RoutedRequest): ApiResponse {
  const [version, ...rest] = segments;
  if (version !== 'v1') return notFound();
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const vips = vipsAt(state, now);
  if (rest.length === 1 && rest[0] === 'vips') {
    const body: NetworkingVips = { array: vips.map((v) => ({ ip: v.address, port: v.port, protocol: v.protocol })) };
    return ok(body);
  }
  if (rest.length === 3) {
    const [vipName, protocol, port] = rest as [string, string, string];
    const vip = vips.find((v) => (v.name === vipName || v.address === vipName) && v.protocol === protocol && String(v.port) === port);
    if (!vip) return notFound();
    const counts = requestCounts(state, now);
    return ok({
      details: vip.framework === '' ? [] : [{ name: vip.label, labels: {} }],
      backend_count: vip.backends.length,
      backends: vip.backends.map((b) => {
        const c = counts.get(`${b.ip}:${b.port}`) ?? { ok: 0, failed: 0 };
        return {
          ip: b.ip,
          port: b.port,
          framework_id: state.tasks[b.taskId]?.frameworkId ?? '',
          task_id: b.taskId,
          success_last_minute: c.ok,
          fail_last_minute: c.failed,
          application_reachability_pct: c.ok + c.failed === 0 ? 100 : Math.round((100 * c.ok) / (c.ok + c.failed)),
          machine_reachability_pct: 100,
          p99_latency_ms: 0,
        };
      }),
    });
  }
  return notFound();
}

/** Requests each backend address answered and failed in the last minute, over every traffic client. */
function requestCounts(state: ClusterState, now: number): Map<string, { ok: number; failed: number }> {
  const counts = new Map<string, { ok: number; failed: number }>();
  for (const client of state.traffic?.clients ?? []) {
    for (const second of client.series) {
      if (second.at < now - 60_000) continue;
      for (const [address, n] of Object.entries(second.byBackend)) {
        const c = counts.get(address) ?? { ok: 0, failed: 0 };
        const failed = second.failedByBackend[address] ?? 0;
        c.ok += n - failed;
        c.failed += failed;
        counts.set(address, c);
      }
    }
  }
  return counts;
}
