/**
 * `GET /v2/queue?embed=lastUnusedOffers` (Marathon's `QueueResource`, `QueueInfoConversion`, `OfferConversion`,
 * `OfferMatchStatistics.noMatchStatisticsSink`, `ResourceMatcher`), `PUT /v2/groups/{id}` with `scaleBy`
 * (`GroupsResource.update`, `GroupApiService.updateGroup`, `RootGroup.updateTransitiveApps`), `DELETE /v2/leader`
 * (`LeaderResource.delete`), `DELETE /v2/queue/{id}/delay` (`QueueResource.resetDelay`) and `GET /ping`
 * (`SystemResource.ping`).
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, del, deploy, deployments, get, post, put, untilMarathonLeads, waitFor, type Json } from '../../support/marathon.ts';

const queueWithOffers = (sb: Awaited<ReturnType<typeof boot>>): Json[] => get(sb, '/marathon/v2/queue?embed=lastUnusedOffers').queue;
const entryOf = (sb: Awaited<ReturnType<typeof boot>>, id: string): Json | undefined =>
  queueWithOffers(sb).find((e) => e.app?.id === id || e.pod?.id === id);
const agentIds = (sb: Awaited<ReturnType<typeof boot>>): Record<string, string> =>
  Object.fromEntries((get(sb, '/mesos/master/slaves').slaves as Json[]).map((s) => [s.hostname, s.id]));

const RACKS = [
  agent('small', { cpus: 1, mem: 1024 }, { attributes: { rack: 'r1', size: 1 } }),
  agent('large', { cpus: 4, mem: 4096 }, { attributes: { rack: 'r2' } }),
];

describe('GET /v2/queue?embed=lastUnusedOffers', () => {
  it('lists the last unused offer per agent: the offer as Marathon renders it, and every reason it did not fit', async () => {
    const sb = await boot(RACKS, { matcher: 'ts', allocator: 'ts' });
    deploy(sb, { id: '/big', cmd: 'serve', instances: 1, cpus: 2, mem: 2048, constraints: [['rack', 'CLUSTER', 'r1']] });
    waitFor(sb, () => (entryOf(sb, '/big')?.lastUnusedOffers?.length ?? 0) === 2, 30_000);
    const ids = agentIds(sb);
    const [small, large] = ['small', 'large'].map((h) => entryOf(sb, '/big')!.lastUnusedOffers.find((o: Json) => o.offer.hostname === h));
    // ResourceMatcher lists each scalar short, in its order (cpus, mem, gpus, disk); a 0 disk is not checked.
    expect(small.reason).toEqual(['InsufficientCpus', 'InsufficientMemory']);
    expect(large.reason).toEqual(['UnfulfilledConstraint']);
    expect(small.offer).toEqual({
      id: expect.any(String),
      hostname: 'small',
      agentId: ids['small'],
      resources: [
        { name: 'cpus', role: '*', scalar: 1 },
        { name: 'mem', role: '*', scalar: 1024 },
        { name: 'ports', role: '*', ranges: expect.any(Array) },
      ],
      // A number is a SCALAR attribute, any other value TEXT.
      attributes: [
        { name: 'rack', text: 'r1' },
        { name: 'size', scalar: 1 },
      ],
    });
    expect(small.offer.resources[2].ranges[0]).toEqual({ begin: expect.any(Number), end: expect.any(Number) });
    expect(Object.keys(small)).toEqual(['offer', 'reason', 'timestamp']);
    expect(Date.parse(small.timestamp)).toBeLessThanOrEqual(Date.parse(entryOf(sb, '/big')!.processedOffersSummary.lastUnusedOfferAt));
    // The last-offers funnel counts those offers, each at the first of its reasons in the funnel.
    const lastOffers = entryOf(sb, '/big')!.processedOffersSummary.rejectSummaryLastOffers as Json[];
    const row = (reason: string) => lastOffers.find((r) => r.reason === reason)!;
    expect(row('UnfulfilledRole').processed).toBe(2);
    expect(row('UnfulfilledConstraint').declined).toBe(1);
    expect(row('InsufficientCpus')).toMatchObject({ processed: 1, declined: 1 });
    // Without the embed the field is left out, as Marathon's Option is.
    expect(get(sb, '/marathon/v2/queue').queue[0]).not.toHaveProperty('lastUnusedOffers');
  });

  it('an offer a run spec refuses for its role still has its constraints checked', async () => {
    // At the root an app runs in Marathon's role (here slave_public), and the agents offer only unreserved resources.
    const sb = await boot(RACKS, { matcher: 'ts', allocator: 'ts', marathon: { role: 'slave_public' } });
    deploy(sb, {
      id: '/public',
      cmd: 'serve',
      cpus: 0.5,
      mem: 64,
      acceptedResourceRoles: ['slave_public'],
      constraints: [['rack', 'CLUSTER', 'r1']],
    });
    waitFor(sb, () => (entryOf(sb, '/public')?.lastUnusedOffers?.length ?? 0) === 2, 30_000);
    const reasons = Object.fromEntries(entryOf(sb, '/public')!.lastUnusedOffers.map((o: Json) => [o.offer.hostname, o.reason]));
    // No resource in an accepted role: every scalar asked is short too; the constraint fails on r2 only.
    expect(reasons).toEqual({
      small: ['InsufficientCpus', 'InsufficientMemory', 'UnfulfilledRole'],
      large: ['InsufficientCpus', 'InsufficientMemory', 'UnfulfilledRole', 'UnfulfilledConstraint'],
    });
  });

  it('shows what an earlier launch in the same round left of the offer; a new launch attempt starts with none', async () => {
    const sb = await boot(RACKS, {
      matcher: 'ts',
      allocator: 'ts',
      marathon: {
        apps: [
          { id: '/first', cmd: 'serve', instances: 1, cpus: 3, mem: 16 },
          { id: '/second', cmd: 'serve', instances: 1, cpus: 2, mem: 16, constraints: [['hostname', 'CLUSTER', 'large']] },
        ],
      },
    });
    const onLarge = () => entryOf(sb, '/second')?.lastUnusedOffers?.find((o: Json) => o.offer.hostname === 'large');
    waitFor(sb, () => onLarge() !== undefined, 30_000, 50);
    expect(onLarge().reason).toEqual(['InsufficientCpus']);
    expect(onLarge().offer.resources.slice(0, 2)).toEqual([
      { name: 'cpus', role: '*', scalar: 1 },
      { name: 'mem', role: '*', scalar: 4080 },
    ]);
    expect(appOf(sb, '/first').tasksStaged + appOf(sb, '/first').tasksRunning).toBe(1);
    // Once /first makes room, /second launches: its launch attempt is over. Scaled up, a new one begins, with none yet.
    expect(put(sb, '/marathon/v2/apps/first?force=true', { instances: 0 }).status).toBe(200);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    expect(entryOf(sb, '/second')).toBeUndefined();
    expect(put(sb, '/marathon/v2/apps/second', { instances: 3 }).status).toBe(200);
    expect(entryOf(sb, '/second')!.lastUnusedOffers).toEqual([]);
    waitFor(sb, () => entryOf(sb, '/second')!.lastUnusedOffers.length > 0, 60_000);
  });
});

const app = (id: string, instances: number) => ({ id, cmd: 'serve', instances, cpus: 0.01, mem: 8 });

describe('PUT /v2/groups/{id} with scaleBy', () => {
  it('scales every app below the group to ceil(instances × factor) in one deployment; pods and other groups keep theirs', async () => {
    const sb = await boot([agent('a1', { cpus: 8, mem: 8192, disk: 1024 })]);
    for (const a of [app('/g/a', 3), app('/g/sub/b', 1), app('/g/c', 2), app('/other', 2)]) deploy(sb, a);
    expect(post(sb, '/marathon/v2/pods', { id: '/g/p', containers: [{ name: 'c', resources: { cpus: 0.01, mem: 8 } }] }).status).toBe(201);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    const res = put(sb, '/marathon/v2/groups/g', { scaleBy: 1.5 });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['deploymentId', 'version']);
    const [dep] = deployments(sb);
    expect(deployments(sb)).toHaveLength(1);
    expect(dep!.id).toBe(res.body.deploymentId);
    // 3 × 1.5 = 4.5 → 5, 1 × 1.5 → 2, 2 × 1.5 = 3.
    expect(dep!.affectedApps.sort()).toEqual(['/g/a', '/g/c', '/g/sub/b']);
    expect([appOf(sb, '/g/a').instances, appOf(sb, '/g/sub/b').instances, appOf(sb, '/g/c').instances]).toEqual([5, 2, 3]);
    expect(appOf(sb, '/other').instances).toBe(2);
    expect(get(sb, '/marathon/v2/pods/g/p').scaling.instances).toBe(1);
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    expect(appOf(sb, '/g/a').tasksRunning).toBe(5);
    // Down by a factor below 1, still rounding up; 0 stops them all.
    expect(put(sb, '/marathon/v2/groups/g', { scaleBy: 0.1 }).status).toBe(200);
    expect([appOf(sb, '/g/a').instances, appOf(sb, '/g/sub/b').instances, appOf(sb, '/g/c').instances]).toEqual([1, 1, 1]);
    expect(put(sb, '/marathon/v2/groups/g?force=true', { scaleBy: 0 }).status).toBe(200);
    expect(appOf(sb, '/g/a').instances).toBe(0);
  });

  it('is refused while a deployment holds an app it would scale, unless forced; a group that does not exist is created', async () => {
    const sb = await boot([agent('a1', { cpus: 1, mem: 1024 })]);
    deploy(sb, app('/g/a', 50));
    const locked = put(sb, '/marathon/v2/groups/g', { scaleBy: 2 });
    expect(locked.status).toBe(409);
    expect(locked.body.deployments).toHaveLength(1);
    expect(put(sb, '/marathon/v2/groups/g?force=true', { scaleBy: 2 }).status).toBe(200);
    expect(appOf(sb, '/g/a').instances).toBe(100);
    // GroupApiService scales `Group.empty(id)` when there is none: the group exists afterwards, empty, and a new
    // top-level group above it enforces its role as DC/OS starts Marathon (--new_group_enforce_role top).
    expect(put(sb, '/marathon/v2/groups/new/empty', { scaleBy: 2 }).status).toBe(200);
    expect(get(sb, '/marathon/v2/groups/new/empty')).toMatchObject({ id: '/new/empty', apps: [], groups: [] });
    expect(get(sb, '/marathon/v2/groups/new').enforceRole).toBe(true);
  });

  it('reads scaleBy as a number of at least 0, given alone', async () => {
    const sb = await boot([agent('a1', { cpus: 1, mem: 1024 })]);
    deploy(sb, app('/g/a', 1));
    const invalid = (errors: string[]) => ({ message: 'Invalid JSON', details: [{ path: '/scaleBy', errors }] });
    expect(put(sb, '/marathon/v2/groups/g', { scaleBy: 'two' })).toEqual({ status: 422, body: invalid(['error.expected.jsnumber']) });
    expect(put(sb, '/marathon/v2/groups/g', { scaleBy: -1 })).toEqual({ status: 422, body: invalid(['error.min']) });
    expect(put(sb, '/marathon/v2/groups/g', { id: '/g', scaleBy: 2 })).toEqual({
      status: 422,
      body: {
        message: 'Object is not valid',
        details: [{ path: '/scaleBy', errors: ['not allowed in conjunction with other properties.'] }],
      },
    });
    expect(appOf(sb, '/g/a').instances).toBe(1);
  });
});

describe('DELETE /v2/leader, DELETE /v2/queue/{id}/delay, GET /ping', () => {
  it("abdicates: Marathon's message, no leader until the restarted process is elected again", async () => {
    const sb = await boot([agent('a1', { cpus: 1, mem: 1024 })]);
    expect(get(sb, '/marathon/ping')).toBe('pong');
    expect(sb.request({ method: 'GET', path: '/marathon/v2/ping' }).status).toBe(404);
    expect(del(sb, '/marathon/v2/leader')).toEqual({ status: 200, body: { message: 'Leadership abdicated' } });
    expect(sb.request({ method: 'GET', path: '/marathon/v2/leader' })).toEqual({ status: 404, body: { message: 'There is no leader' } });
    expect(sb.request({ method: 'GET', path: '/marathon/ping' }).status).toBe(503);
    untilMarathonLeads(sb);
    expect(get(sb, '/marathon/v2/leader').leader).toBe('10.0.0.11:8080');
  });

  it('resets the delay of a run spec with an instance waiting, else answers 404', async () => {
    const sb = await boot([agent('a1', { cpus: 1, mem: 1024 })]);
    deploy(sb, app('/up', 1));
    deploy(sb, { ...app('/waits', 1), cpus: 2 });
    waitFor(sb, () => appOf(sb, '/up').tasksRunning === 1, 30_000);
    expect(del(sb, '/marathon/v2/queue/waits/delay').status).toBe(204);
    // An app with nothing scheduled is not in the queue (QueueResource.runSpecNotFoundTasksQueue).
    expect(del(sb, '/marathon/v2/queue/up/delay')).toEqual({ status: 404, body: { message: 'Application /up not found in tasks queue.' } });
  });
});
