/**
 * Placement constraints through the API (SEMANTICS 3.1): every operator on `hostname` and on
 * attributes, agents lacking the attribute, both constraint forms, accepted resource roles
 * (6.6) and the reasons waiting instances report in `/v2/queue`.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { agent } from '../../support/cluster.ts';
import { appOf, boot, countBy, declinedByReason, deploy, post, queueEntry, tasksOf, type Json } from '../../support/marathon.ts';

/** Six agents: two racks of two, one agent without `rack`, one without any attribute. */
const ATTRS: Record<string, Record<string, string | number>> = {
  a1: { rack: 'r1', zone: 'z1', level: 1 },
  a2: { rack: 'r1', zone: 'z2', level: 2 },
  a3: { rack: 'r2', zone: 'z1', level: 2.5 },
  a4: { rack: 'r2', zone: 'z2', level: 3 },
  a5: { zone: 'z3' },
  a6: {},
};
const RACKLESS = ['a5', 'a6'];

async function sixAgents(): Promise<Sandbox> {
  return boot(Object.entries(ATTRS).map(([host, attributes]) => agent(host, { cpus: 4, mem: 4096 }, { attributes })));
}

/** Deploy a small app with these constraints and let placement settle. */
function place(
  sb: Sandbox,
  instances: number,
  constraints: unknown[],
  id = '/c',
  extra: Json = {},
): { hosts: string[]; waiting: number; reasons: Record<string, number> | null } {
  deploy(sb, { id, cmd: 'sleep 1000', instances, cpus: 0.1, mem: 16, constraints, ...extra });
  sb.advance(15_000);
  const hosts = tasksOf(sb, id).map((t) => t.host as string);
  const entry = queueEntry(sb, id);
  return { hosts, waiting: entry?.count ?? 0, reasons: entry ? declinedByReason(entry) : null };
}

/** Two instances fill a 4-CPU agent, so N instances need N/2 agents and every allowed agent gets used. */
const HALF = { cpus: 2 };

const attr = (name: string) => (host: string) => String(ATTRS[host]?.[name] ?? '<missing>');

/** Only the given reason declined offers (the funnel stops at the first failing stage). */
function onlyReason(reasons: Record<string, number> | null, reason: string): void {
  expect(reasons).not.toBeNull();
  expect(reasons![reason]).toBeGreaterThan(0);
  for (const [other, n] of Object.entries(reasons!)) if (other !== reason) expect(n, other).toBe(0);
}

describe('UNIQUE', () => {
  it('on hostname: one instance per agent, the rest wait with UnfulfilledConstraint', async () => {
    const sb = await sixAgents();
    const { hosts, waiting, reasons } = place(sb, 8, [['hostname', 'UNIQUE']]);
    expect(hosts).toHaveLength(6);
    expect(new Set(hosts).size).toBe(6);
    expect(waiting).toBe(2);
    onlyReason(reasons, 'UnfulfilledConstraint');
  });

  it('@hostname is hostname', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 7, [['@hostname', 'UNIQUE']]);
    expect(new Set(hosts).size).toBe(6);
    expect(waiting).toBe(1);
  });

  it('on an attribute: one instance per value; agents lacking the attribute take none', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 4, [['rack', 'UNIQUE']]);
    expect(hosts.map(attr('rack')).sort()).toEqual(['r1', 'r2']);
    expect(waiting).toBe(2);
  });
});

describe('CLUSTER', () => {
  it('with a value: every instance on agents with that value', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 5, [['rack', 'CLUSTER', 'r2']]);
    expect(hosts).toHaveLength(5);
    expect(new Set(hosts.map(attr('rack')))).toEqual(new Set(['r2']));
    expect(waiting).toBe(0);
  });

  it('on hostname with a value: every instance on that agent', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 4, [['hostname', 'CLUSTER', 'a3']]);
    expect(hosts).toEqual(['a3', 'a3', 'a3', 'a3']);
  });

  it('without a value: every instance follows the first one, never onto agents lacking the field', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 6, [['rack', 'CLUSTER']]);
    expect(hosts).toHaveLength(6);
    expect(waiting).toBe(0);
    const racks = new Set(hosts.map(attr('rack')));
    expect(racks.size).toBe(1);
    expect(['r1', 'r2']).toContain([...racks][0]);
  });

  it('on hostname without a value: all instances on one agent', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 5, [['hostname', 'CLUSTER']]);
    expect(hosts).toHaveLength(5);
    expect(new Set(hosts).size).toBe(1);
  });

  it('compares the value as a plain string (a scalar 2 is "2", not "2.0")', async () => {
    const sb = await sixAgents();
    const exact = place(sb, 2, [['level', 'CLUSTER', '2']], '/exact');
    expect(exact.hosts).toEqual(['a2', 'a2']);
    const decimal = place(sb, 2, [['level', 'CLUSTER', '2.0']], '/decimal');
    expect(decimal.hosts).toEqual([]);
    expect(decimal.waiting).toBe(2);
    onlyReason(decimal.reasons, 'UnfulfilledConstraint');
  });
});

describe('GROUP_BY', () => {
  it('without a count: spreads evenly over the values, never onto agents lacking the field', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 6, [['rack', 'GROUP_BY']]);
    expect(waiting).toBe(0);
    expect(countBy(hosts, attr('rack'))).toEqual({ r1: 3, r2: 3 });
  });

  it('with a count equal to the number of values: evenly over them', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 6, [['zone', 'GROUP_BY', '3']]);
    expect(waiting).toBe(0);
    expect(countBy(hosts, attr('zone'))).toEqual({ z1: 2, z2: 2, z3: 2 });
  });

  it('with a count above the number of values: one instance per value, then existing groups are refused (v1.10)', async () => {
    // Offer matches if its value is new, or if #groups >= 4 and its group is (one of) the smallest: with
    // three zones the fourth condition never holds once each zone has one instance.
    const sb = await sixAgents();
    const { hosts, waiting, reasons } = place(sb, 5, [['zone', 'GROUP_BY', '4']]);
    expect(countBy(hosts, attr('zone'))).toEqual({ z1: 1, z2: 1, z3: 1 });
    expect(waiting).toBe(2);
    onlyReason(reasons, 'UnfulfilledConstraint');
  });

  it('on hostname: one per agent first, then round-robin', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 12, [['hostname', 'GROUP_BY']]);
    expect(Object.values(countBy(hosts, (h) => h))).toEqual([2, 2, 2, 2, 2, 2]);
  });
});

describe('LIKE / UNLIKE', () => {
  it('LIKE matches the whole value', async () => {
    const sb = await sixAgents();
    const whole = place(sb, 4, [['rack', 'LIKE', 'r1']], '/whole', HALF);
    expect(new Set(whole.hosts)).toEqual(new Set(['a1', 'a2']));
    expect(whole.hosts).toHaveLength(4);
    const partial = place(sb, 2, [['rack', 'LIKE', 'r']], '/partial');
    expect(partial.hosts).toEqual([]);
    onlyReason(partial.reasons, 'UnfulfilledConstraint');
  });

  it('LIKE on hostname with a character class', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 6, [['hostname', 'LIKE', 'a[13-4]']], '/c', HALF);
    expect(hosts).toHaveLength(6);
    expect(new Set(hosts)).toEqual(new Set(['a1', 'a3', 'a4']));
  });

  it('UNLIKE refuses matching values and accepts agents lacking the field', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 8, [['rack', 'UNLIKE', 'r1']], '/c', HALF);
    expect(hosts).toHaveLength(8);
    expect(new Set(hosts)).toEqual(new Set(['a3', 'a4', 'a5', 'a6']));
  });

  it('UNLIKE of every value leaves only the agents lacking the field', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 4, [['rack', 'UNLIKE', 'r.*']], '/c', HALF);
    expect(new Set(hosts)).toEqual(new Set(RACKLESS));
  });

  it('UNLIKE on hostname', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 3, [['hostname', 'UNLIKE', 'a[1-5]']]);
    expect(hosts).toEqual(['a6', 'a6', 'a6']);
  });
});

describe('MAX_PER', () => {
  it('on an attribute: at most that many per value', async () => {
    const sb = await sixAgents();
    const { hosts, waiting, reasons } = place(sb, 6, [['rack', 'MAX_PER', '2']]);
    expect(countBy(hosts, attr('rack'))).toEqual({ r1: 2, r2: 2 });
    expect(waiting).toBe(2);
    onlyReason(reasons, 'UnfulfilledConstraint');
  });

  it('on hostname: at most that many per agent', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 14, [['hostname', 'MAX_PER', '2']]);
    expect(hosts).toHaveLength(12);
    expect(Object.values(countBy(hosts, (h) => h)).every((n) => n === 2)).toBe(true);
    expect(waiting).toBe(2);
  });
});

describe('IS', () => {
  it('on a text attribute', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 4, [['zone', 'IS', 'z2']], '/c', HALF);
    expect(new Set(hosts)).toEqual(new Set(['a2', 'a4']));
    expect(hosts).toHaveLength(4);
  });

  it('on a scalar attribute: the value is formatted 0.### first, so "2.0" matches 2 but not 2.5', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 2, [['level', 'IS', '2.0']]);
    expect(hosts).toEqual(['a2', 'a2']);
  });

  it('on hostname', async () => {
    const sb = await sixAgents();
    const { hosts } = place(sb, 2, [['hostname', 'IS', 'a6']]);
    expect(hosts).toEqual(['a6', 'a6']);
  });
});

describe('agents lacking the attribute', () => {
  const rackless = () => boot([agent('n1', { cpus: 4, mem: 4096 }, { attributes: { zone: 'z1' } }), agent('n2', { cpus: 4, mem: 4096 })]);
  const refusing: Array<[string, unknown[]]> = [
    ['UNIQUE', ['rack', 'UNIQUE']],
    ['CLUSTER with a value', ['rack', 'CLUSTER', 'r1']],
    ['CLUSTER without a value', ['rack', 'CLUSTER']],
    ['GROUP_BY', ['rack', 'GROUP_BY']],
    ['GROUP_BY with a count', ['rack', 'GROUP_BY', '2']],
    ['LIKE', ['rack', 'LIKE', '.*']],
    ['MAX_PER', ['rack', 'MAX_PER', '5']],
    ['IS', ['rack', 'IS', 'r1']],
  ];
  it.each(refusing)('%s places nothing and waits with UnfulfilledConstraint', async (_name, constraint) => {
    const sb = await rackless();
    const { hosts, waiting, reasons } = place(sb, 2, [constraint]);
    expect(hosts).toEqual([]);
    expect(waiting).toBe(2);
    onlyReason(reasons, 'UnfulfilledConstraint');
  });

  it('UNLIKE matches them', async () => {
    const sb = await rackless();
    const { hosts, waiting } = place(sb, 2, [['rack', 'UNLIKE', 'r1']]);
    expect(hosts).toHaveLength(2);
    expect(waiting).toBe(0);
  });
});

describe('constraint forms', () => {
  it("any operator case places like upper case; an app's constraint must be an array (the object form is a pod's)", async () => {
    const sb = await sixAgents();
    const lower = place(
      sb,
      4,
      [
        ['rack', 'cluster', 'r2'],
        ['hostname', 'Max_Per', '2'],
      ],
      '/lower',
    );
    expect(countBy(lower.hosts, (h) => h)).toEqual({ a3: 2, a4: 2 });
    expect(appOf(sb, '/lower').constraints).toEqual([
      ['rack', 'CLUSTER', 'r2'],
      ['hostname', 'MAX_PER', '2'],
    ]);
    const objectForm = post(sb, '/marathon/v2/apps', {
      id: '/obj',
      cmd: 'run it',
      constraints: [{ fieldName: 'rack', operator: 'CLUSTER', value: 'r2' }],
    });
    expect(objectForm).toEqual({
      status: 422,
      body: { message: 'Invalid JSON', details: [{ path: '/constraints(0)', errors: ['error.expected.jsarray'] }] },
    });
  });

  it('several constraints must all hold', async () => {
    const sb = await sixAgents();
    const { hosts, waiting } = place(sb, 4, [
      ['hostname', 'UNIQUE'],
      ['zone', 'LIKE', 'z[12]'],
      ['rack', 'UNLIKE', 'r2'],
    ]);
    expect(new Set(hosts)).toEqual(new Set(['a1', 'a2']));
    expect(hosts).toHaveLength(2);
    expect(waiting).toBe(2);
  });

  it('only instances of the current config count: after a config change UNIQUE places beside the old ones', async () => {
    // Two agents, UNIQUE hostname, (minimumHealthCapacity 1, maximumOverCapacity 1): the new version's
    // instances ignore the old ones (SEMANTICS 3.1), so they can start while the old ones still run.
    const sb = await boot([agent('u1', { cpus: 4, mem: 4096 }), agent('u2', { cpus: 4, mem: 4096 })]);
    deploy(sb, { id: '/u', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 16, constraints: [['hostname', 'UNIQUE']] });
    sb.advance(15_000);
    expect(tasksOf(sb, '/u')).toHaveLength(2);
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/apps/u', body: { cmd: 'sleep 2000' } }).status).toBe(200);
    sb.advance(30_000);
    const app = appOf(sb, '/u');
    expect(app.deployments).toEqual([]);
    const tasks = tasksOf(sb, '/u');
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.version === app.versionInfo.lastConfigChangeAt)).toBe(true);
    expect(new Set(tasks.map((t) => t.host)).size).toBe(2);
  });
});

describe('accepted resource roles', () => {
  const mixed = () => [
    agent('priv1', { cpus: 4, mem: 4096 }),
    agent('priv2', { cpus: 4, mem: 4096 }),
    agent('pub1', { cpus: 4, mem: 4096 }, { public: true }),
    agent('pub2', { cpus: 4, mem: 4096 }, { public: true }),
  ];

  it('["slave_public"] lands on public agents only when Marathon runs as slave_public', async () => {
    const sb = await boot(mixed(), { marathon: { role: 'slave_public' } });
    const { hosts, waiting } = place(sb, 4, [], '/lb', { ...HALF, acceptedResourceRoles: ['slave_public'] });
    expect(appOf(sb, '/lb').role).toBe('slave_public');
    expect(hosts).toHaveLength(4);
    expect(new Set(hosts)).toEqual(new Set(['pub1', 'pub2']));
    expect(tasksOf(sb, '/lb').every((t) => t.role === 'slave_public')).toBe(true);
    expect(waiting).toBe(0);
  });

  it("without acceptedResourceRoles an app of DC/OS's Marathon takes unreserved resources only (accepted_resource_roles_default_behavior unreserved)", async () => {
    const sb = await boot(mixed(), { marathon: { role: 'slave_public' } });
    const { hosts } = place(sb, 4, [], '/private', HALF);
    expect(new Set(hosts)).toEqual(new Set(['priv1', 'priv2']));
  });

  it('with accepted_resource_roles_default_behavior any, an app of a slave_public Marathon uses both kinds', async () => {
    const sb = await boot(mixed(), { marathon: { role: 'slave_public', flags: { accepted_resource_roles_default_behavior: 'any' } } });
    const { hosts } = place(sb, 8, [], '/any', HALF);
    expect(new Set(hosts)).toEqual(new Set(['priv1', 'priv2', 'pub1', 'pub2']));
  });

  it("with accepted_resource_roles_default_behavior reserved, only the role's own resources", async () => {
    const sb = await boot(mixed(), { marathon: { role: 'slave_public', flags: { accepted_resource_roles_default_behavior: 'reserved' } } });
    const { hosts } = place(sb, 4, [], '/reserved', HALF);
    expect(new Set(hosts)).toEqual(new Set(['pub1', 'pub2']));
  });

  it('with default accepted roles ["*"] an app of a slave_public Marathon stays on private agents', async () => {
    const sb = await boot(mixed(), { marathon: { role: 'slave_public', defaultAcceptedResourceRoles: ['*'] } });
    const { hosts } = place(sb, 4, [], '/c', HALF);
    expect(hosts).toHaveLength(4);
    expect(new Set(hosts)).toEqual(new Set(['priv1', 'priv2']));
  });

  it('["slave_public"] with only private agents waits with UnfulfilledRole', async () => {
    const sb = await boot([agent('priv1', { cpus: 4, mem: 4096 }), agent('priv2', { cpus: 4, mem: 4096 })], {
      marathon: { role: 'slave_public' },
    });
    const { hosts, waiting, reasons } = place(sb, 2, [], '/lb', { acceptedResourceRoles: ['slave_public'] });
    expect(hosts).toEqual([]);
    expect(waiting).toBe(2);
    onlyReason(reasons, 'UnfulfilledRole');
  });

  it('an app that accepts only unreserved resources waits with UnfulfilledRole on public agents', async () => {
    const publicOnly = [agent('pub1', { cpus: 4, mem: 4096 }, { public: true }), agent('pub2', { cpus: 4, mem: 4096 }, { public: true })];
    const sb = await boot(publicOnly, { marathon: { role: 'slave_public' } });
    deploy(sb, { id: '/private-only', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 16, acceptedResourceRoles: ['*'] });
    sb.advance(15_000);
    expect(tasksOf(sb, '/private-only')).toEqual([]);
    const entry = queueEntry(sb, '/private-only')!;
    expect(entry.count).toBe(2);
    onlyReason(declinedByReason(entry), 'UnfulfilledRole');
    // The last offer of each public agent was refused for its role.
    const last = Object.fromEntries((entry.processedOffersSummary.rejectSummaryLastOffers as Json[]).map((r) => [r.reason, r.declined]));
    expect(last.UnfulfilledRole).toBe(2);
  });

  it('a Marathon with role * rejects ["slave_public"] (only * and the app role are allowed)', async () => {
    const sb = await boot(mixed());
    const res = post(sb, '/marathon/v2/apps', { id: '/lb', cmd: 'haproxy', acceptedResourceRoles: ['slave_public'] });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('acceptedResourceRoles can only contain *"');
  });

  it('a Marathon with role * never gets public resources: its apps use private agents', async () => {
    const sb = await boot(mixed());
    const { hosts, waiting } = place(sb, 6, [], '/c', HALF);
    expect(hosts).toHaveLength(4);
    expect(new Set(hosts)).toEqual(new Set(['priv1', 'priv2']));
    expect(waiting).toBe(2);
  });
});

describe('instances that do not fit wait with the reason', () => {
  const small = () => boot([1, 2].map((i) => agent(`s${i}`, { cpus: 2, mem: 1024, disk: 100, ports: [[10000, 10001]] })));
  const cases: Array<[string, Json]> = [
    ['InsufficientCpus', { cpus: 3, mem: 16 }],
    ['InsufficientMemory', { cpus: 0.1, mem: 2048 }],
    ['InsufficientDisk', { cpus: 0.1, mem: 16, disk: 200 }],
    ['InsufficientGpus', { cpus: 0.1, mem: 16, gpus: 1 }],
    ['InsufficientPorts', { cpus: 0.1, mem: 16, portDefinitions: [{ port: 0 }, { port: 0 }, { port: 0 }] }],
    ['InsufficientPorts', { cpus: 0.1, mem: 16, requirePorts: true, portDefinitions: [{ port: 80 }] }],
  ];
  it.each(cases)('%s (%j)', async (reason, resources) => {
    const sb = await small();
    deploy(sb, { id: '/big', cmd: 'sleep 1000', instances: 1, ...resources });
    sb.advance(15_000);
    expect(tasksOf(sb, '/big')).toEqual([]);
    const entry = queueEntry(sb, '/big')!;
    expect(entry.count).toBe(1);
    onlyReason(declinedByReason(entry), reason);
    // The funnel: each stage sees what the previous ones let through.
    const rows = entry.processedOffersSummary.rejectSummaryLaunchAttempt as Json[];
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.processed).toBe(rows[k - 1]!.processed - rows[k - 1]!.declined);
  });

  it('instances that fit start; the one left over waits for CPUs', async () => {
    const sb = await small();
    deploy(sb, { id: '/half', cmd: 'sleep 1000', instances: 3, cpus: 1.5, mem: 16 });
    sb.advance(15_000);
    const hosts = tasksOf(sb, '/half').map((t) => t.host);
    expect(hosts.sort()).toEqual(['s1', 's2']);
    const entry = queueEntry(sb, '/half')!;
    expect(entry.count).toBe(1);
    onlyReason(declinedByReason(entry), 'InsufficientCpus');
  });

  it('a waiting instance launches soon after resources free up (a larger offer passes the decline filter)', async () => {
    const sb = await small();
    deploy(sb, { id: '/hog', cmd: 'sleep 1000', instances: 2, cpus: 1.5, mem: 16 });
    sb.advance(10_000);
    deploy(sb, { id: '/late', cmd: 'sleep 1000', instances: 1, cpus: 1, mem: 16 });
    sb.advance(10_000);
    expect(tasksOf(sb, '/late')).toEqual([]);
    onlyReason(declinedByReason(queueEntry(sb, '/late')!), 'InsufficientCpus');
    expect(sb.request({ method: 'PUT', path: '/marathon/v2/apps/hog', body: { instances: 1 } }).status).toBe(200);
    sb.advance(10_000);
    expect(tasksOf(sb, '/late')).toHaveLength(1);
  });

  it('fixed host ports: one instance per agent', async () => {
    const sb = await small();
    deploy(sb, {
      id: '/fixed',
      cmd: 'sleep 1000',
      instances: 3,
      cpus: 0.1,
      mem: 16,
      requirePorts: true,
      portDefinitions: [{ port: 10001 }],
    });
    sb.advance(15_000);
    const tasks = tasksOf(sb, '/fixed');
    expect(tasks.map((t) => t.host).sort()).toEqual(['s1', 's2']);
    expect(tasks.every((t) => t.ports[0] === 10001)).toBe(true);
    onlyReason(declinedByReason(queueEntry(sb, '/fixed')!), 'InsufficientPorts');
  });
});

describe('values Marathon accepts that look odd (SchedulingValidation: Integer.parseInt, IS without a value)', () => {
  it('MAX_PER "+1" places as 1; MAX_PER "-3" and IS without a value place nothing and wait', async () => {
    const sb = await sixAgents();
    const plus = place(sb, 3, [['rack', 'MAX_PER', '+1']], '/plus');
    expect(plus.hosts).toHaveLength(2);
    expect(new Set(plus.hosts.map((h) => ATTRS[h]!.rack)).size).toBe(2);
    expect(place(sb, 1, [['rack', 'MAX_PER', '-3']], '/minus')).toMatchObject({ hosts: [], waiting: 1 });
    expect(place(sb, 1, [['rack', 'IS']], '/is')).toMatchObject({ hosts: [], waiting: 1 });
    expect(place(sb, 2, [['rack', 'GROUP_BY', '-3']], '/gb').hosts).toHaveLength(2);
  });
});
