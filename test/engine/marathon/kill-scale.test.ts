/**
 * Killing tasks: with `scale=true` the instances go and the app's instance count drops by as
 * many (a scaling deployment); without it the same instance is relaunched (next incarnation, no
 * backoff). Scale-down picks instances by `killSelection`, instances not yet placed first.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import {
  appOf,
  boot,
  del,
  deploy,
  deployments,
  mesosTasks,
  post,
  put,
  queueEntry,
  simMs,
  tasksOf,
  waitFor,
  type Json,
} from '../../support/marathon.ts';

const AGENTS = [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }));

async function running(apps: Json[]): Promise<Sandbox> {
  const sb = await boot(AGENTS);
  for (const app of apps) deploy(sb, { cmd: 'serve', cpus: 0.1, mem: 16, ...app });
  waitFor(sb, () => deployments(sb).length === 0 && apps.every((a) => appOf(sb, a.id).tasksRunning === a.instances), 60_000);
  return sb;
}

const ids = (sb: Sandbox, app: string) => tasksOf(sb, app).map((t) => t.id as string);
const instanceOf = (taskId: string) => taskId.replace(/\._app\.\d+$/, '');
const mesosState = (sb: Sandbox, app: string, taskId: string) => mesosTasks(sb, app).find((t) => t.id === taskId)?.state;

describe('with scale=true', () => {
  it('POST /v2/tasks/delete?scale=true: the tasks go, instances drop, nothing is relaunched', async () => {
    const sb = await running([
      { id: '/a', instances: 4 },
      { id: '/b', instances: 2 },
    ]);
    const [a0, a1, ...aRest] = ids(sb, '/a');
    const [b0, ...bRest] = ids(sb, '/b');
    const res = post(sb, '/marathon/v2/tasks/delete?scale=true', { ids: [a0, a1, b0] });
    expect(res.status).toBe(200);
    expect(typeof res.body.deploymentId).toBe('string');
    expect(appOf(sb, '/a').instances).toBe(2);
    expect(appOf(sb, '/b').instances).toBe(1);
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    sb.advance(10_000);
    expect(ids(sb, '/a').sort()).toEqual([...aRest].sort());
    expect(ids(sb, '/b')).toEqual(bRest);
    for (const t of [a0!, a1!]) expect(mesosState(sb, '/a', t)).toBe('TASK_KILLED');
    expect(mesosState(sb, '/b', b0!)).toBe('TASK_KILLED');
    expect(mesosTasks(sb, '/a')).toHaveLength(4);
    expect(queueEntry(sb, '/a')).toBeUndefined();
    // A scaling change, not a restart: the config version stays.
    expect(appOf(sb, '/a').versionInfo.lastScalingAt > appOf(sb, '/a').versionInfo.lastConfigChangeAt).toBe(true);
  });

  it('DELETE /v2/apps/{id}/tasks/{taskId}?scale=true removes one instance', async () => {
    const sb = await running([{ id: '/a', instances: 3 }]);
    const [victim, ...rest] = ids(sb, '/a');
    const res = del(sb, `/marathon/v2/apps/a/tasks/${victim}?scale=true`);
    expect(res.status).toBe(200);
    expect(res.body.deploymentId).toBeDefined();
    sb.advance(15_000);
    expect(appOf(sb, '/a').instances).toBe(2);
    expect(ids(sb, '/a').sort()).toEqual([...rest].sort());
  });

  it('DELETE /v2/apps/{id}/tasks?scale=true removes every instance', async () => {
    const sb = await running([{ id: '/a', instances: 3 }]);
    const before = ids(sb, '/a');
    expect(del(sb, '/marathon/v2/apps/a/tasks?scale=true').status).toBe(200);
    sb.advance(15_000);
    const app = appOf(sb, '/a');
    expect(app.instances).toBe(0);
    expect(app.tasksRunning).toBe(0);
    expect(tasksOf(sb, '/a')).toEqual([]);
    expect(before.every((t) => mesosState(sb, '/a', t) === 'TASK_KILLED')).toBe(true);
    expect(deployments(sb)).toEqual([]);
  });

  it('answers 409 while the app is being deployed, unless forced', async () => {
    const sb = await running([{ id: '/a', instances: 2 }]);
    put(sb, '/marathon/v2/apps/a', { instances: 20, cpus: 1 });
    sb.advance(2000);
    const victim = ids(sb, '/a')[0]!;
    expect(post(sb, '/marathon/v2/tasks/delete?scale=true', { ids: [victim] }).status).toBe(409);
    expect(post(sb, '/marathon/v2/tasks/delete?scale=true&force=true', { ids: [victim] }).status).toBe(200);
    expect(appOf(sb, '/a').instances).toBe(19);
  });
});

describe('without scale', () => {
  it('POST /v2/tasks/delete: the same instance is relaunched as its next incarnation', async () => {
    const sb = await running([{ id: '/a', instances: 3 }]);
    const [victim, ...rest] = ids(sb, '/a');
    const res = post(sb, '/marathon/v2/tasks/delete', { ids: [victim] });
    expect(res.status).toBe(200);
    expect(res.body.tasks.map((t: Json) => t.id)).toEqual([victim]);
    expect(deployments(sb)).toEqual([]);
    waitFor(sb, () => appOf(sb, '/a').tasksRunning === 3 && !ids(sb, '/a').includes(victim!), 20_000);
    const now = ids(sb, '/a');
    expect(now).toHaveLength(3);
    expect(rest.every((t) => now.includes(t))).toBe(true);
    expect(now).toContain(`${instanceOf(victim!)}._app.2`);
    expect(appOf(sb, '/a').instances).toBe(3);
    expect(mesosState(sb, '/a', victim!)).toBe('TASK_KILLED');
    expect(appOf(sb, '/a').lastTaskFailure).toBeUndefined();
  });

  it('DELETE /v2/apps/{id}/tasks: every task is replaced, the count stays', async () => {
    const sb = await running([{ id: '/a', instances: 3 }]);
    const before = ids(sb, '/a');
    const res = del(sb, '/marathon/v2/apps/a/tasks');
    expect(res.status).toBe(200);
    expect(res.body.tasks.map((t: Json) => t.id).sort()).toEqual([...before].sort());
    waitFor(sb, () => appOf(sb, '/a').tasksRunning === 3 && ids(sb, '/a').every((t) => !before.includes(t)), 20_000);
    expect(ids(sb, '/a').map(instanceOf).sort()).toEqual(before.map(instanceOf).sort());
  });

  it('DELETE /v2/apps/{id}/tasks/{taskId} of an unknown task answers 404', async () => {
    const sb = await running([{ id: '/a', instances: 1 }]);
    expect(del(sb, '/marathon/v2/apps/a/tasks/a.instance-nope._app.1').status).toBe(404);
    expect(del(sb, '/marathon/v2/apps/nope/tasks').status).toBe(404);
  });
});

describe('scale down picks by killSelection', () => {
  /** Two instances now, two more started 10 s later: the last two are the youngest. */
  async function staggered(killSelection: string): Promise<{ sb: Sandbox; oldest: string[]; youngest: string[] }> {
    const sb = await running([{ id: '/a', instances: 2, killSelection }]);
    const oldest = ids(sb, '/a');
    sb.advance(10_000);
    put(sb, '/marathon/v2/apps/a', { instances: 4 });
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    const youngest = ids(sb, '/a').filter((t) => !oldest.includes(t));
    expect(youngest).toHaveLength(2);
    expect(
      Math.min(
        ...tasksOf(sb, '/a')
          .filter((t) => youngest.includes(t.id))
          .map((t) => simMs(t.stagedAt)),
      ),
    ).toBeGreaterThan(
      Math.max(
        ...tasksOf(sb, '/a')
          .filter((t) => oldest.includes(t.id))
          .map((t) => simMs(t.stagedAt)),
      ),
    );
    return { sb, oldest, youngest };
  }

  it.each([
    ['YOUNGEST_FIRST', 'oldest'],
    ['OLDEST_FIRST', 'youngest'],
  ] as const)('%s keeps the %s', async (killSelection, kept) => {
    const { sb, oldest, youngest } = await staggered(killSelection);
    expect(put(sb, '/marathon/v2/apps/a', { instances: 2 }).status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    expect(ids(sb, '/a').sort()).toEqual([...(kept === 'oldest' ? oldest : youngest)].sort());
  });

  it.each([['YOUNGEST_FIRST'], ['OLDEST_FIRST']])('%s: instances still waiting for an offer go first', async (killSelection) => {
    // Each agent fits one instance (3 CPUs of 4): of five, three run and two wait.
    const sb = await boot(AGENTS);
    deploy(sb, { id: '/a', cmd: 'serve', instances: 5, cpus: 3, mem: 16, killSelection });
    waitFor(sb, () => appOf(sb, '/a').tasksRunning === 3, 30_000);
    expect(queueEntry(sb, '/a')!.count).toBe(2);
    const runningIds = ids(sb, '/a');
    expect(put(sb, '/marathon/v2/apps/a?force=true', { instances: 3 }).status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    expect(ids(sb, '/a').sort()).toEqual([...runningIds].sort());
    expect(queueEntry(sb, '/a')).toBeUndefined();
  });
});

describe('scale down with GROUP_BY', () => {
  it.each([['YOUNGEST_FIRST'], ['OLDEST_FIRST']])('%s: keeps the groups even (SEMANTICS 3.1)', async (killSelection) => {
    // r1 = a1, a2; r2 = a3, a4; one instance fills an agent. A filler holds r2 while the first two
    // instances start (both on r1); then r2 frees up and two more start there: r1 holds the two oldest,
    // r2 the two youngest. Scaling to 2 by age alone would empty one rack.
    const racks = [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 4, mem: 4096 }, { attributes: { rack: i <= 2 ? 'r1' : 'r2' } }));
    const sb = await boot(racks);
    deploy(sb, { id: '/filler', cmd: 'run x', instances: 2, cpus: 4, mem: 16, constraints: [['rack', 'CLUSTER', 'r2']] });
    waitFor(sb, () => appOf(sb, '/filler').tasksRunning === 2, 20_000);
    deploy(sb, { id: '/g', cmd: 'run x', instances: 2, cpus: 4, mem: 16, killSelection, constraints: [['rack', 'GROUP_BY']] });
    waitFor(sb, () => appOf(sb, '/g').tasksRunning === 2 && deployments(sb).length === 0, 20_000);
    const rack = (host: string) => (['a1', 'a2'].includes(host) ? 'r1' : 'r2');
    const racksOf = () =>
      tasksOf(sb, '/g')
        .map((t) => rack(t.host))
        .sort();
    expect(racksOf()).toEqual(['r1', 'r1']);
    put(sb, '/marathon/v2/apps/filler', { instances: 0 });
    waitFor(sb, () => deployments(sb).length === 0, 20_000);
    put(sb, '/marathon/v2/apps/g', { instances: 4 });
    waitFor(sb, () => appOf(sb, '/g').tasksRunning === 4 && deployments(sb).length === 0, 30_000);
    expect(racksOf()).toEqual(['r1', 'r1', 'r2', 'r2']);
    put(sb, '/marathon/v2/apps/g', { instances: 2 });
    waitFor(sb, () => deployments(sb).length === 0, 30_000);
    expect(racksOf()).toEqual(['r1', 'r2']);
  });
});
