/**
 * Marathon's roles as DC/OS runs it (`--mesos_role slave_public`, `--new_group_enforce_role top`): a service below a
 * new top-level group runs in that group's role (`RoleSettings.forService`), the group enforces it, and Marathon
 * subscribes as a MULTI_ROLE framework with every role its instances use, taking offers per role
 * (`ReviveOffersStreamLogic`, `TaskLauncherActor`): resources reserved to a group's role go to that group's services.
 */
import { describe, expect, it } from 'vitest';
import { agent } from '../../support/cluster.ts';
import { boot, deploy, get, post, tasksOf, waitFor, type Json } from '../../support/marathon.ts';

const AGENTS = [agent('a1', { cpus: 4, mem: 4096 }), agent('a2', { cpus: 4, mem: 4096 })];
const app = (id: string, extra: Json = {}): Json => ({ id, cmd: 'run x', cpus: 0.5, mem: 128, instances: 1, ...extra });
const invalid = (path: string, errors: string[]) => ({ message: 'Object is not valid', details: [{ path, errors }] });

describe("Marathon's roles (DC/OS: --new_group_enforce_role top)", () => {
  it('gives an app below a new top-level group that group’s role, and the group enforceRole', async () => {
    const sb = await boot(AGENTS, { marathon: { role: 'slave_public' } });
    expect(get(sb, '/marathon/v2/info').marathon_config.new_group_enforce_role).toBe('Top');
    const created = deploy(sb, app('/prod/web'));
    expect(created.role).toBe('prod');
    expect(get(sb, '/marathon/v2/groups/prod').enforceRole).toBe(true);
    // Only top-level groups carry the field.
    expect(get(sb, '/marathon/v2/groups')).not.toHaveProperty('enforceRole');
    deploy(sb, app('/prod/team/api'));
    expect(get(sb, '/marathon/v2/groups/prod/team')).not.toHaveProperty('enforceRole');
    expect(get(sb, '/marathon/v2/apps/prod/team/api').app.role).toBe('prod');
    // At the root: Marathon's own role.
    expect(deploy(sb, app('/lb')).role).toBe('slave_public');
  });

  it('refuses another role, and acceptedResourceRoles beyond * and the group’s role, as Marathon words it', async () => {
    const sb = await boot(AGENTS, { marathon: { role: 'slave_public' } });
    const lb = post(sb, '/marathon/v2/apps', app('/edge/lb', { acceptedResourceRoles: ['slave_public'] }));
    expect(lb).toEqual({ status: 422, body: invalid('/acceptedResourceRoles', ['acceptedResourceRoles can only contain * and edge']) });
    const wrong = post(sb, '/marathon/v2/apps', app('/prod/x', { role: 'slave_public' }));
    expect(wrong).toEqual({ status: 422, body: invalid('/role', ['got slave_public, expected one of: [prod]']) });
    const root = post(sb, '/marathon/v2/apps', app('/x', { role: 'prod' }));
    expect(root).toEqual({ status: 422, body: invalid('/role', ['got prod, expected one of: [slave_public]']) });
    // The same rules for pods.
    const pod = { id: '/prod/pod', role: 'slave_public', containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 } }] };
    expect(post(sb, '/marathon/v2/pods', pod)).toEqual({
      status: 422,
      body: invalid('/role', ['got slave_public, expected one of: [prod]']),
    });
  });

  it('without enforcement (the flag off, or PATCHed off) takes --mesos_role by default and allows the group’s role', async () => {
    const off = await boot(AGENTS, { marathon: { role: 'slave_public', flags: { new_group_enforce_role: 'off' } } });
    expect(get(off, '/marathon/v2/info').marathon_config.new_group_enforce_role).toBe('Off');
    expect(deploy(off, app('/dev/a')).role).toBe('slave_public');
    expect(deploy(off, app('/dev/b', { role: 'dev' })).role).toBe('dev');
    expect(get(off, '/marathon/v2/groups/dev').enforceRole).toBe(false);

    const sb = await boot(AGENTS, { marathon: { role: 'slave_public' } });
    deploy(sb, app('/prod/web'));
    const patch = (id: string, body: unknown) => sb.request({ method: 'PATCH', path: `/marathon/v2/groups${id}`, body });
    expect(patch('/prod', { enforceRole: false })).toEqual({ status: 200, body: '' });
    expect(get(sb, '/marathon/v2/groups/prod').enforceRole).toBe(false);
    // The app keeps its role; a new one may now take Marathon's.
    expect(get(sb, '/marathon/v2/apps/prod/web').app.role).toBe('prod');
    expect(deploy(sb, app('/prod/lb', { acceptedResourceRoles: ['slave_public'] })).role).toBe('slave_public');
    expect(patch('/prod/web', { enforceRole: true })).toEqual({ status: 422, body: invalid('/', ['Path needs to be top-level']) });
    expect(patch('/nope', {})).toEqual({ status: 404, body: { message: "Group '/nope' does not exist" } });
    expect(patch('/prod', { enforceRole: 'yes' }).status).toBe(422);
  });

  it('subscribes as a MULTI_ROLE framework with each role its instances run in; tasks and offers carry the role', async () => {
    const sb = await boot(AGENTS, { marathon: { role: 'slave_public' } });
    deploy(sb, app('/prod/web', { instances: 2 }));
    deploy(sb, app('/ops/cron'));
    waitFor(sb, () => tasksOf(sb, '/prod/web').length === 2 && tasksOf(sb, '/ops/cron').length === 1, 30_000);
    const state = get(sb, '/mesos/master/state');
    const marathon = (state.frameworks as Json[]).find((f) => f.name === 'marathon')!;
    expect(marathon.roles).toEqual(['slave_public', 'prod', 'ops']);
    expect(marathon).not.toHaveProperty('role');
    expect(marathon.capabilities).toContain('MULTI_ROLE');
    const roleOf = new Map((marathon.tasks as Json[]).map((t) => [t.name, t.role]));
    expect([...roleOf]).toEqual(
      expect.arrayContaining([
        ['web.prod', 'prod'],
        ['cron.ops', 'ops'],
      ]),
    );
    const roles = get(sb, '/mesos/master/roles').roles as Json[];
    const prod = roles.find((r) => r.name === 'prod')!;
    expect(prod.frameworks).toEqual([marathon.id]);
    expect(prod.allocated).toMatchObject({ cpus: 1, mem: 256 });
  });

  it('takes resources reserved to a group’s role for that group’s services only', async () => {
    const reserved = agent('db-1', { cpus: 2, mem: 2048 }, { reservations: { prod: { cpus: 2, mem: 2048 } } });
    const sb = await boot([agent('a1', { cpus: 1, mem: 1024 }), reserved], {
      marathon: { role: 'slave_public' },
      roles: { prod: { weight: 1 } },
    });
    // No host port: the reservation holds no ports.
    deploy(sb, app('/prod/db', { cpus: 2, mem: 1024, acceptedResourceRoles: ['prod'], portDefinitions: [] }));
    // /ops accepts only its own role's resources: nobody reserved any to it, so it waits.
    deploy(sb, app('/ops/db', { cpus: 1, mem: 512, acceptedResourceRoles: ['ops'], portDefinitions: [] }));
    waitFor(sb, () => tasksOf(sb, '/prod/db').length === 1, 30_000);
    expect(tasksOf(sb, '/prod/db')[0]!.host).toBe('db-1');
    sb.advance(20_000);
    expect(tasksOf(sb, '/ops/db')).toEqual([]);
    const placement = get(sb, '/sandbox/v1/marathon/apps/ops/db/placement');
    expect(placement.failures).toContainEqual(expect.objectContaining({ hostname: 'db-1', stage: 'role' }));
  });
});
