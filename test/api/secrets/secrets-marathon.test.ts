/** Marathon apps and pods that take secrets (docs/secrets.md): resolved at launch, never shown. */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { DCOS_MARATHON_FLAGS } from '../../../src/common/marathon/flags.ts';
import { boot } from '../../support/marathon.ts';
import { AGENTS, grant, req, user } from '../iam/support.ts';

const S = '/secrets/v1/secret/default';
const SECRET_VALUE = 'pa55-w0rd-never-shown';

const withSecrets = (): Promise<Sandbox> =>
  boot(AGENTS, { marathon: { flags: { features: [...DCOS_MARATHON_FLAGS.features, 'secrets'] } } });

const app = (extra: Record<string, unknown> = {}) => ({
  id: '/db-client',
  cmd: 'sleep 1000',
  cpus: 0.1,
  mem: 32,
  instances: 1,
  backoffSeconds: 1,
  backoffFactor: 1,
  secrets: { s1: { source: 'db/password' } },
  env: { DB_PASS: { secret: 's1' }, MODE: 'prod' },
  ...extra,
});

type Task = { id: string; state: string; statuses: Array<{ state: string; reason?: string; message?: string; source?: string }> };
const mesosTasks = (sb: Sandbox): Task[] => (req(sb, 'GET', '/mesos/master/tasks').body as { tasks: Task[] }).tasks;
const running = (sb: Sandbox) => mesosTasks(sb).filter((t) => t.state === 'TASK_RUNNING');

describe('apps with secrets', () => {
  it('launches once the secret exists, shows which variables come from which secret, and never the value', async () => {
    const sb = await withSecrets();
    expect(req(sb, 'PUT', `${S}/db/password`, { value: SECRET_VALUE }).status).toBe(201);
    expect(req(sb, 'POST', '/marathon/v2/apps', app()).status).toBe(201);
    sb.advance(10_000);
    const [task] = running(sb);
    expect(task).toBeDefined();
    const network = req(sb, 'GET', `/sandbox/v1/tasks/${encodeURIComponent(task!.id)}/network`).body as Record<string, unknown>;
    expect(network.secretEnvironment).toEqual({ DB_PASS: 'db/password' });
    const answers = [
      req(sb, 'GET', '/marathon/v2/apps/db-client?embed=app.tasks'),
      req(sb, 'GET', '/marathon/v2/groups?embed=group.apps'),
      req(sb, 'GET', '/mesos/master/state'),
      req(sb, 'GET', `/sandbox/v1/tasks/${encodeURIComponent(task!.id)}/network`),
      req(sb, 'GET', '/system/v1/logs/v2/component/dcos-marathon?limit=1000'),
    ];
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(SECRET_VALUE);
    expect((req(sb, 'GET', '/marathon/v2/apps/db-client').body as { app: Record<string, unknown> }).app).toMatchObject({
      secrets: { s1: { source: 'db/password' } },
      env: { DB_PASS: { secret: 's1' }, MODE: 'prod' },
    });
  });

  it('fails the launch while the secret is missing (REASON_CONTAINER_LAUNCH_FAILED) and recovers once it is created', async () => {
    const sb = await withSecrets();
    expect(req(sb, 'POST', '/marathon/v2/apps', app()).status).toBe(201);
    sb.advance(10_000);
    expect(running(sb)).toHaveLength(0);
    const failed = mesosTasks(sb).find((t) => t.state === 'TASK_FAILED');
    expect(failed?.statuses.at(-1)).toMatchObject({
      state: 'TASK_FAILED',
      source: 'SOURCE_SLAVE',
      reason: 'REASON_CONTAINER_LAUNCH_FAILED',
      message: "Failed to launch container: Failed to resolve secret 'db/password': not found in store 'default'",
    });
    const lastFailure = (req(sb, 'GET', '/marathon/v2/apps/db-client').body as { app: { lastTaskFailure?: { state: string } } }).app
      .lastTaskFailure;
    expect(lastFailure?.state).toBe('TASK_FAILED');
    req(sb, 'PUT', `${S}/db/password`, { value: SECRET_VALUE });
    sb.advance(30_000);
    expect(running(sb)).toHaveLength(1);
  });

  it('resolves secret volumes too', async () => {
    const sb = await withSecrets();
    const volumeApp = app({
      env: {},
      container: { type: 'MESOS', volumes: [{ containerPath: 'creds', secret: 's1' }] },
    });
    expect(req(sb, 'POST', '/marathon/v2/apps', volumeApp).status).toBe(201);
    sb.advance(10_000);
    expect(running(sb)).toHaveLength(0);
    req(sb, 'PUT', `${S}/db/password`, { value: SECRET_VALUE });
    sb.advance(30_000);
    expect(running(sb)).toHaveLength(1);
  });

  it('keeps Marathon validation: an undefined secret and secrets without the feature are 422', async () => {
    const sb = await withSecrets();
    const bad = req(sb, 'POST', '/marathon/v2/apps', app({ env: { DB_PASS: { secret: 'nope' } } }));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('references an undefined secret');
    const open = await boot(AGENTS);
    const off = req(open, 'POST', '/marathon/v2/apps', app());
    expect(off.status).toBe(422);
    expect(JSON.stringify(off.body)).toContain('Feature secrets is not enabled. Enable with --enable_features secrets)');
  });

  it('lets a user read its own secret and refuses another user, with the app running for both', async () => {
    const sb = await withSecrets();
    req(sb, 'PUT', `${S}/db/password`, { value: SECRET_VALUE });
    req(sb, 'POST', '/marathon/v2/apps', app());
    sb.advance(10_000);
    const token = user(sb, 'viewer');
    grant(sb, 'dcos:adminrouter:secrets', 'viewer', 'full');
    const refused = req(sb, 'GET', `${S}/db/password`, undefined, token);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(SECRET_VALUE);
    expect(running(sb)).toHaveLength(1);
  });
});

describe('pods with secrets', () => {
  it('fails a pod whose container needs a missing secret and runs it once the secret exists', async () => {
    const sb = await withSecrets();
    const pod = {
      id: '/pod-s',
      scaling: { kind: 'fixed', instances: 1 },
      secrets: { s1: { source: 'pods/token' } },
      containers: [
        {
          name: 'c1',
          exec: { command: { shell: 'sleep 1000' } },
          resources: { cpus: 0.1, mem: 32 },
          environment: { TOKEN: { secret: 's1' } },
        },
      ],
      backoff: { backoff: 1, backoffFactor: 1 },
    };
    const created = req(sb, 'POST', '/marathon/v2/pods', pod);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    sb.advance(10_000);
    expect(running(sb)).toHaveLength(0);
    req(sb, 'PUT', `${S}/pods/token`, { value: 't' });
    sb.advance(30_000);
    expect(running(sb)).toHaveLength(1);
  });
});
