/**
 * `/service/marathon-lb/...`: Admin Router proxies it to the Marathon-LB app's port 9090 (HAProxy's `listen stats`,
 * PLATFORM.md §B): `haproxy?stats;csv` (CSV), `haproxy?stats` (a plain HTML table), `_haproxy_health_check`
 * (`monitor-uri`). 404 when no app `/marathon-lb` is installed; 503 while none of its tasks runs. With several
 * instances, the first running one answers (inferred).
 */
import { routingTable } from '../../engine/marathon-lb/routing.ts';
import { methodNotAllowed } from '../http.ts';
import type { ApiService } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import { statsCsv, statsHtml, statsRows } from './stats.ts';

const APP_ID = '/marathon-lb';

const text = (status: number, body: string, type = 'text/plain'): ApiResponse => ({ status, body, headers: { 'Content-Type': type } });

export const marathonLbService: ApiService = {
  prefix: 'service/marathon-lb',
  handle: (api, { req, segments, query }) => {
    const record = api.state.marathon.runSpecs[APP_ID];
    if (!record || record.removing) return text(404, 'Not Found');
    const lb = routingTable(api.state).find((l) => l.appId === APP_ID);
    if (!lb) return text(503, 'Service Unavailable');
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    const path = segments.join('/');
    if (path === '_haproxy_health_check') return text(200, '<html><body><h1>200 OK</h1>\nService ready.\n</body></html>\n', 'text/html');
    const keys: string[] = [];
    query.forEach((_value, key) => keys.push(key));
    if (path !== 'haproxy' || !keys.some((k) => k.split(';')[0] === 'stats')) return text(404, 'Not Found');
    const rows = statsRows(lb, api.state.traffic?.haproxy?.[lb.taskId] ?? {});
    return keys.some((k) => k.split(';').includes('csv')) ? text(200, statsCsv(rows)) : text(200, statsHtml(lb, rows), 'text/html');
  },
};
