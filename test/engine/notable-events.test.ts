/** The cluster's notable events (GET /sandbox/v1/events): what the time bar marks besides actions. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { MAX_NOTABLE_EVENTS } from '../../src/engine/core/notable.ts';
import { agent } from '../support/cluster.ts';
import { boot, type Json } from '../support/marathon.ts';

const agents = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }));

function events(sb: { request: (r: { method: 'GET'; path: string }) => { status: number; body: unknown } }): Json[] {
  const res = sb.request({ method: 'GET', path: '/sandbox/v1/events' });
  expect(res.status).toBe(200);
  return (res.body as { events: Json[] }).events;
}

describe('notable events', () => {
  it('a finished deployment, a lost agent and its return are marked at their times', async () => {
    const sb = await boot(agents);
    // The boot elects the leaders, in order.
    expect(events(sb).map((e) => [e.kind, e.label])).toEqual([
      ['leader', 'ZooKeeper on master-1 leads the ensemble'],
      ['leader', 'master-1 is the leading Mesos master'],
      ['leader', 'Marathon on master-1 leads'],
      ['leader', 'Metronome on master-1 leads'],
    ]);
    sb.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/web', cmd: 'run x', instances: 3, cpus: 0.5, mem: 64, constraints: [['hostname', 'UNIQUE']] },
    });
    sb.advance(30_000);
    const deployed = events(sb).filter((e) => e.kind === 'deployment');
    expect(deployed).toHaveLength(1);
    expect(deployed[0]!.label).toBe('Deployed /web');
    expect(deployed[0]!.at).toBeGreaterThan(2000);

    const crashAt = sb.now;
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'a1' } });
    sb.advance(120_000);
    const lost = events(sb).find((e) => e.label === 'Agent a1 unreachable');
    expect(lost?.kind).toBe('failure');
    expect(lost!.at - crashAt).toBe(75_000);
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-restore', target: 'a1' } });
    sb.advance(10_000);
    const back = events(sb).find((e) => e.label === 'Agent a1 re-registered');
    expect(back?.kind).toBe('recovery');
    const times = events(sb).map((e) => e.at as number);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('a task that fails is marked with its app and agent', async () => {
    const sb = await boot(agents, {
      marathon: {
        apps: [{ id: '/flaky', cmd: 'run x', instances: 1, cpus: 0.1, mem: 32 }],
        behavior: { '/flaky': { meanSecondsToCrash: 5 } },
      },
    });
    sb.advance(60_000);
    const failures = events(sb).filter((e) => e.kind === 'failure');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.label).toMatch(/^\/flaky: task failed on a\d$/);
  });

  it('keeps the newest events when there are too many', async () => {
    const sb = await boot(agents, {
      marathon: {
        apps: [{ id: '/crashy', cmd: 'run x', instances: 20, cpus: 0.01, mem: 8, backoffSeconds: 0, maxLaunchDelaySeconds: 0 }],
        behavior: { '/crashy': { meanSecondsToCrash: 1 } },
      },
    });
    sb.advance(600_000);
    const all = events(sb);
    expect(all).toHaveLength(MAX_NOTABLE_EVENTS);
    // The total counts them all, and frames carry it (the time bar refetches when it changes).
    const total = (sb.request({ method: 'GET', path: '/sandbox/v1/events' }).body as { total: number }).total;
    expect(total).toBeGreaterThan(MAX_NOTABLE_EVENTS);
    expect(sb.frame().notableEvents).toBe(total);
    expect(all.at(-1)!.at).toBeGreaterThan(590_000);
  });

  it('is read-only', async () => {
    const sb = await createSandbox({ seed: 1, cluster: { masters: 1, agents: [agent('a1', { cpus: 1, mem: 1024 })] } });
    expect(sb.request({ method: 'POST', path: '/sandbox/v1/events', body: {} }).status).toBe(405);
  });
});
