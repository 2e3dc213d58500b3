/** A task's stdout shows the requests the traffic generator sent it (src/engine/logs/request-lines.ts). */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { agent } from '../support/cluster.ts';
import { boot, deploy, post, tasksOf, waitFor, type Json } from '../support/marathon.ts';
import { MYAPP_VIP, overlayApp } from '../support/network.ts';

const text = (sb: Sandbox, path: string): string => {
  let res = sb.request({ method: 'GET', path, headers: { Accept: 'text/plain' } });
  if (res.status === 303) res = sb.request({ method: 'GET', path: res.headers!['Location']!, headers: { Accept: 'text/plain' } });
  if (res.status === 204) return '';
  expect(res.status).toBe(200);
  return String(res.body);
};

const CLF = /^\d+\.\d+\.\d+\.\d+ - - \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 \d+$/;

describe('request lines in stdout', () => {
  it('writes an access-log line for each request a task answered, between its banner and nothing after', async () => {
    const sb = await boot([agent('a', { cpus: 2, mem: 2048 }, { count: 3 })]);
    deploy(sb, overlayApp(3));
    waitFor(sb, () => tasksOf(sb, '/myapp').filter((t: Json) => t.state === 'TASK_RUNNING').length === 3, 60_000);
    sb.advance(2500);
    const ids = tasksOf(sb, '/myapp').map((t: Json) => t.id as string);
    const before = ids.map((id) => text(sb, `/system/v1/logs/v2/task/${id}/file/stdout`).split('\n').filter(Boolean));
    expect(before.every((lines) => lines.every((l) => !CLF.test(l)))).toBe(true);
    expect(post(sb, '/sandbox/v1/traffic', { name: 'load', target: `${MYAPP_VIP}:80`, rps: 6 }).status).toBe(201);
    sb.advance(10_000);
    const after = ids.map((id) => text(sb, `/system/v1/logs/v2/task/${id}/file/stdout`).split('\n').filter(Boolean));
    const requests = after.map((lines) => lines.filter((l) => CLF.test(l)));
    // 6 a second over three backends for about ten seconds: every task answered some, about 60 in all.
    expect(requests.every((r) => r.length > 0)).toBe(true);
    const total = requests.reduce((n, r) => n + r.length, 0);
    expect(total).toBeGreaterThanOrEqual(48);
    expect(total).toBeLessThanOrEqual(66);
    // The banner comes first; the lines follow it in time order.
    after.forEach((lines) => expect(lines[0]).toMatch(/: starting \(build/));
  });
});
