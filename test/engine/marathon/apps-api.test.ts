import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { agent, scenario } from '../../support/cluster.ts';
import { untilBooted } from '../../support/marathon.ts';
import type { Json } from '../../support/marathon.ts';

async function cluster(agents = 4): Promise<Sandbox> {
  const s = scenario(
    Array.from({ length: agents }, (_, i) => agent(`a${i + 1}`, { cpus: 4, mem: 4096 }, { attributes: { rack: `r${(i % 2) + 1}` } })),
    [],
  );
  const sb = await createSandbox(s);
  untilBooted(sb);
  return sb;
}

const get = (sb: Sandbox, path: string) => sb.request({ method: 'GET', path }).body as Json;
const post = (sb: Sandbox, path: string, body: unknown) => sb.request({ method: 'POST', path, body });

describe('Marathon /v2/apps', () => {
  it('runs a posted app: instances launch, run, and the deployment finishes', async () => {
    const sb = await cluster();
    const created = post(sb, '/marathon/v2/apps', { id: 'hello', cmd: 'python3 -m http.server $PORT0', instances: 3, cpus: 0.5, mem: 64 });
    expect(created.status).toBe(201);
    expect((created.body as Json).id).toBe('/hello');
    expect((created.body as Json).deployments).toHaveLength(1);
    sb.advance(30_000);
    const app = get(sb, '/marathon/v2/apps/hello').app;
    expect(app.tasksRunning).toBe(3);
    expect(app.tasks.map((t: Json) => t.state)).toEqual(['TASK_RUNNING', 'TASK_RUNNING', 'TASK_RUNNING']);
    expect(app.tasks[0].id).toMatch(/^hello\.instance-[0-9a-f-]{36}\._app\.1$/);
    expect(get(sb, '/marathon/v2/deployments')).toEqual([]);
    const mesosTasks = get(sb, '/mesos/master/tasks').tasks as Json[];
    expect(mesosTasks.filter((t) => t.name === 'hello')).toHaveLength(3);
  });

  it('answers 422 with the field path, 409 for an existing id and 404 for an unknown one', async () => {
    const sb = await cluster();
    const bad = post(sb, '/marathon/v2/apps', { id: '/Bad_Id', cmd: 'run x', cpus: -1 });
    expect(bad.status).toBe(422);
    expect((bad.body as Json).details.map((d: Json) => d.path).sort()).toEqual(['/cpus', '/id']);
    expect(post(sb, '/marathon/v2/apps', { id: '/a', cmd: 'sleep 1000' }).status).toBe(201);
    const again = post(sb, '/marathon/v2/apps', { id: '/a', cmd: 'sleep 1000' });
    expect(again.status).toBe(409);
    expect((again.body as Json).message).toBe('An app with id [/a] already exists.');
    const missing = sb.request({ method: 'GET', path: '/marathon/v2/apps/nope' });
    expect(missing).toEqual({ status: 404, body: { message: "App '/nope' does not exist" } });
  });

  it('puts UNIQUE instances on distinct hosts; the one that cannot be placed waits with UnfulfilledConstraint', async () => {
    const sb = await cluster(4);
    post(sb, '/marathon/v2/apps', { id: '/u', cmd: 'sleep 1000', instances: 5, cpus: 0.1, mem: 16, constraints: [['hostname', 'UNIQUE']] });
    sb.advance(20_000);
    const app = get(sb, '/marathon/v2/apps/u').app;
    const hosts = app.tasks.map((t: Json) => t.host);
    expect(hosts).toHaveLength(4);
    expect(new Set(hosts).size).toBe(4);
    const entry = get(sb, '/marathon/v2/queue').queue[0];
    expect(entry.count).toBe(1);
    const constraint = entry.processedOffersSummary.rejectSummaryLaunchAttempt.find((r: Json) => r.reason === 'UnfulfilledConstraint');
    expect(constraint.declined).toBeGreaterThan(0);
    expect(get(sb, '/marathon/v2/deployments')).toHaveLength(1);
  });

  it('a change while a deployment runs answers 409 unless forced', async () => {
    const sb = await cluster(1);
    post(sb, '/marathon/v2/apps', { id: '/big', cmd: 'sleep 1000', instances: 10, cpus: 1, mem: 16 });
    sb.advance(5000);
    const put = sb.request({ method: 'PUT', path: '/marathon/v2/apps/big', body: { instances: 2 } });
    expect(put.status).toBe(409);
    expect((put.body as Json).deployments).toHaveLength(1);
    const forced = sb.request({ method: 'PUT', path: '/marathon/v2/apps/big?force=true', body: { instances: 2 } });
    expect(forced.status).toBe(200);
    sb.advance(20_000);
    expect(get(sb, '/marathon/v2/apps/big').app.tasksRunning).toBe(2);
  });

  it("answers 422 for a role other than Marathon's own", async () => {
    const sb = await cluster(1);
    // DC/OS starts Marathon with --mesos_role slave_public.
    const answer = post(sb, '/marathon/v2/apps', { id: '/r', cmd: 'run x', role: 'dev' });
    expect(answer).toEqual({
      status: 422,
      body: { message: 'Object is not valid', details: [{ path: '/role', errors: ['got dev, expected one of: [slave_public]'] }] },
    });
  });

  it('lists no health result before the first check answers', async () => {
    const sb = await cluster(1);
    const hc = { protocol: 'MESOS_HTTP', path: '/', portIndex: 0, delaySeconds: 20, intervalSeconds: 10, gracePeriodSeconds: 60 };
    post(sb, '/marathon/v2/apps', { id: '/h', cmd: 'run x', cpus: 0.1, mem: 16, healthChecks: [hc] });
    sb.advance(5000);
    const early = get(sb, '/marathon/v2/apps/h').app;
    expect(early.tasks[0].state).toBe('TASK_RUNNING');
    expect(early.tasks[0].healthCheckResults).toEqual([]);
    expect([early.tasksHealthy, early.tasksUnhealthy]).toEqual([0, 0]);
    sb.advance(30_000);
    const later = get(sb, '/marathon/v2/apps/h').app;
    expect(later.tasks[0].healthCheckResults[0].alive).toBe(true);
    expect(later.tasksHealthy).toBe(1);
  });

  it('keeps the fields it does not simulate, written as Marathon writes them; drops fields Marathon does not know', async () => {
    const sb = await cluster(1);
    const body = {
      id: '/web',
      container: { type: 'DOCKER', docker: { image: 'nginx' } },
      env: { A: '1' },
      fetch: [{ uri: 'https://x/y.tgz' }],
      labels: { L: 'v' },
      user: 'nobody',
      notAMarathonField: 1,
    };
    post(sb, '/marathon/v2/apps', body);
    const app = get(sb, '/marathon/v2/apps/web').app;
    expect(app.container).toEqual({
      type: 'DOCKER',
      docker: { forcePullImage: false, image: 'nginx', parameters: [], privileged: false },
      volumes: [],
    });
    expect(app.fetch).toEqual([{ uri: 'https://x/y.tgz', extract: true, executable: false, cache: false }]);
    expect(app.env).toEqual(body.env);
    expect(app.labels).toEqual(body.labels);
    expect(app.user).toBe('nobody');
    expect(app).not.toHaveProperty('notAMarathonField');
  });
});
