/** A level's schedule of faults: whole zones, faults drawn from a seed, and placeholders resolved through the API. */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { agent, app, cluster, zonedAgents } from '../../src/sandbox/levels/build.ts';
import { faultRequests, randomFaults, resolveRequest, resolveText } from '../../src/sandbox/levels/faults.ts';
import type { RandomFaults, RequestFn } from '../../src/sandbox/levels/index.ts';

const zoned = validateScenario(cluster({ masters: 3, agents: zonedAgents(2), apps: [app('/shop', 1)] }));
const FAULTS = '/sandbox/v1/faults';

describe('faultRequests', () => {
  it('a zone outage crashes every agent of the zone, and nothing else', () => {
    expect(faultRequests(zoned, 60000, { kind: 'zone-outage', zone: 'us-east-1b' })).toEqual([
      { at: 60000, request: { method: 'POST', path: FAULTS, body: { kind: 'agent-crash', target: 'b-1' } } },
      { at: 60000, request: { method: 'POST', path: FAULTS, body: { kind: 'agent-crash', target: 'b-2' } } },
    ]);
  });

  it('a zone restore brings the zone’s agents back', () => {
    expect(faultRequests(zoned, 90000, { kind: 'zone-restore', zone: 'us-east-1c' }).map((r) => r.request.body)).toEqual([
      { kind: 'agent-restore', target: 'c-1' },
      { kind: 'agent-restore', target: 'c-2' },
    ]);
  });

  it('a zone partition is one cut between the zone and every other host, masters included', () => {
    expect(faultRequests(zoned, 1000, { kind: 'zone-partition', zone: 'us-east-1a' })).toEqual([
      {
        at: 1000,
        request: {
          method: 'POST',
          path: FAULTS,
          body: {
            kind: 'partition',
            sides: [
              ['a-1', 'a-2'],
              ['master-1', 'master-2', 'master-3', 'b-1', 'b-2', 'c-1', 'c-2'],
            ],
          },
        },
      },
    ]);
  });

  it('a zone no agent is in crashes nothing', () => {
    expect(faultRequests(zoned, 1000, { kind: 'zone-outage', zone: 'mars-1a' })).toEqual([]);
  });

  it('any other fault is posted as it is', () => {
    const fault = { kind: 'master-crash', target: '{{leader}}' };
    expect(faultRequests(zoned, 5000, fault)).toEqual([{ at: 5000, request: { method: 'POST', path: FAULTS, body: fault } }]);
  });
});

describe('randomFaults', () => {
  const withPublic = validateScenario(
    cluster({ agents: [agent('a', { count: 3 }), { ...agent('pub'), public: true }], apps: [app('/shop', 1)] }),
  );
  const spec: RandomFaults = { seed: 42, count: 20, from: 10000, to: 70000, kinds: ['agent-crash'] };

  it('is deterministic: same seed, same faults; another seed, other faults', () => {
    expect(randomFaults(withPublic, spec)).toEqual(randomFaults(withPublic, spec));
    expect(randomFaults(withPublic, { ...spec, seed: 43 })).not.toEqual(randomFaults(withPublic, spec));
  });

  it('draws `count` faults at whole seconds in [from, to), in time order, on private agents only', () => {
    const faults = randomFaults(withPublic, spec);
    expect(faults).toHaveLength(20);
    for (const [i, f] of faults.entries()) {
      expect(f.at).toBeGreaterThanOrEqual(10000);
      expect(f.at).toBeLessThan(70000);
      expect(f.at % 1000).toBe(0);
      if (i > 0) expect(f.at).toBeGreaterThanOrEqual(faults[i - 1]!.at);
      expect(f.fault).toEqual({ kind: 'agent-crash', target: expect.stringMatching(/^a-[123]$/) });
    }
    expect(new Set(faults.map((f) => (f.fault as { target: string }).target)).size).toBeGreaterThan(1);
  });

  it('puts every fault at `from` when the window is shorter than a second', () => {
    expect(randomFaults(withPublic, { ...spec, from: 5000, to: 5000, count: 3 }).map((f) => f.at)).toEqual([5000, 5000, 5000]);
  });

  it('crashes the leader by placeholder, and tasks of the apps given', () => {
    const faults = randomFaults(withPublic, { ...spec, kinds: ['leader-crash', 'task-crash'], apps: ['/shop', '/api'] });
    const bodies = faults.map((f) => JSON.stringify(f.fault));
    expect(bodies).toContain(JSON.stringify({ kind: 'master-crash', target: '{{leader}}' }));
    expect(faults.every((f) => ['master-crash', 'task-crash'].includes(f.fault.kind))).toBe(true);
    const targets = new Set(faults.filter((f) => f.fault.kind === 'task-crash').map((f) => (f.fault as { target: string }).target));
    expect(targets).toEqual(new Set(['{{task:/shop}}', '{{task:/api}}']));
  });

  it('falls back to an agent crash for task-crash without apps, and draws among the agents given', () => {
    const faults = randomFaults(withPublic, { ...spec, kinds: ['task-crash'], agents: ['pub'] });
    expect(faults).toHaveLength(20);
    expect(faults.every((f) => f.fault.kind === 'agent-crash' && (f.fault as { target: string }).target === 'pub')).toBe(true);
  });

  it('draws nothing for agent crashes when there is no agent to crash', () => {
    expect(randomFaults(withPublic, { ...spec, agents: [] })).toEqual([]);
    expect(randomFaults(withPublic, { ...spec, count: 0 })).toEqual([]);
  });
});

describe('placeholders', () => {
  const ok = (body: unknown): ApiResponse => ({ status: 200, body });
  function api(routes: Record<string, ApiResponse>): RequestFn {
    return (req: ApiRequest) => routes[req.path] ?? { status: 404, body: {} };
  }
  const cluster = api({
    '/mesos/master/state-summary': ok({
      hostname: 'master-2',
      frameworks: [
        { id: 'fw-m', name: 'marathon' },
        { id: 'fw-k', name: 'kafka' },
      ],
      slaves: [
        { id: 's1', hostname: 'a-1' },
        { id: 's3', hostname: 'a-3' },
      ],
    }),
    '/mesos/master/tasks': ok({
      tasks: [
        { name: 'kafka', framework_id: 'fw-m', slave_id: 's1', state: 'TASK_RUNNING' },
        { name: 'kafka-0-broker', framework_id: 'fw-k', slave_id: 's1', state: 'TASK_FAILED' },
        { name: 'kafka-1-broker', framework_id: 'fw-k', slave_id: 's3', state: 'TASK_RUNNING' },
      ],
    }),
    '/marathon/v2/apps/shop?embed=apps.tasks': ok({
      app: {
        tasks: [
          { id: 'shop.0', host: 'a-9', state: 'TASK_STAGING' },
          { id: 'shop.1', host: 'a-2', state: 'TASK_RUNNING' },
        ],
      },
    }),
    '/service/kafka/v1/pod/status': ok({
      pods: [
        {
          instances: [
            { name: 'kafka-0', tasks: [{ status: 'RUNNING' }] },
            { name: 'kafka-1', tasks: [] },
          ],
        },
        { instances: [{ name: 'kafka-2', tasks: [{ status: 'UNREACHABLE' }, { status: 'UNREACHABLE' }] }] },
        {},
      ],
    }),
  });

  it('resolves each placeholder kind from what the API answers now', () => {
    expect(resolveText(cluster, '{{leader}}')).toEqual({ ok: true, text: 'master-2' });
    expect(resolveText(cluster, '{{host:/shop}} {{task:/shop}}')).toEqual({ ok: true, text: 'a-2 shop.1' });
    expect(resolveText(cluster, '{{podHost:kafka}}')).toEqual({ ok: true, text: 'a-3' }); // a pod task, not the scheduler
    expect(resolveText(cluster, '/pod/{{lostPod:kafka}}/replace')).toEqual({ ok: true, text: '/pod/kafka-2/replace' });
  });

  it('names the first placeholder that has no value', () => {
    expect(resolveText(cluster, '{{host:/nope}}')).toEqual({ ok: false, error: 'cannot resolve {{host:/nope}} now' });
    expect(resolveText(cluster, '{{leader}} {{weather}}')).toEqual({ ok: false, error: 'cannot resolve {{weather}} now' });
    expect(resolveText(cluster, '{{podHost:hdfs}}')).toEqual({ ok: false, error: 'cannot resolve {{podHost:hdfs}} now' });
    expect(resolveText(cluster, '{{lostPod:hdfs}}')).toEqual({ ok: false, error: 'cannot resolve {{lostPod:hdfs}} now' });
    const empty = api({});
    expect(resolveText(empty, '{{leader}}')).toEqual({ ok: false, error: 'cannot resolve {{leader}} now' });
    expect(resolveText(empty, '{{podHost:kafka}}').ok).toBe(false);
    expect(resolveText(empty, '{{task}}')).toEqual({ ok: false, error: 'cannot resolve {{task}} now' });
  });

  it('fills a request’s path and body, and leaves one without placeholders untouched', () => {
    const req = { method: 'POST' as const, path: '/service/kafka/v1/pod/{{lostPod:kafka}}/replace', body: { target: '{{host:/shop}}' } };
    expect(resolveRequest(cluster, req)).toEqual({
      ok: true,
      req: { method: 'POST', path: '/service/kafka/v1/pod/kafka-2/replace', body: { target: 'a-2' } },
    });
    const plain = { method: 'POST' as const, path: FAULTS, body: { kind: 'heal' } };
    const same = resolveRequest(cluster, plain);
    expect(same.ok && same.req).toBe(plain);
    expect(resolveRequest(api({}), { method: 'POST', path: FAULTS, body: { target: '{{leader}}' } })).toEqual({
      ok: false,
      error: 'cannot resolve {{leader}} now',
    });
  });
});
