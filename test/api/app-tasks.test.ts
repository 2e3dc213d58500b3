/**
 * `/marathon/v2/apps/{id}/tasks[/{taskId}]` as Marathon's `AppTasksResource` serves it: GET and DELETE on
 * `tasks`, only DELETE on `tasks/{taskId}`. Any other method is refused by Jersey (`NotAllowedException`)
 * before the resource runs, whether the app exists or not, and `MarathonExceptionMapper` answers it with the
 * status' reason phrase: 405 `{"message": "Method Not Allowed"}`.
 */
import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../src/api/types.ts';
import { agent } from '../support/cluster.ts';
import { appOf, boot, deploy, deployments, tasksOf, waitFor } from '../support/marathon.ts';

const NOT_ALLOWED = { status: 405, body: { message: 'Method Not Allowed' } };

async function running() {
  const sb = await boot([agent('a1', { cpus: 4, mem: 4096 })]);
  deploy(sb, { id: '/web', cmd: 'serve', cpus: 0.1, mem: 16, instances: 2 });
  waitFor(sb, () => deployments(sb).length === 0 && appOf(sb, '/web').tasksRunning === 2, 60_000);
  const taskId = tasksOf(sb, '/web')[0]!.id as string;
  return { sb, taskId };
}

describe('/marathon/v2/apps/{id}/tasks/{taskId}', () => {
  it("answers GET with 405 and Marathon's message, for a live task, an unknown one and an unknown app", async () => {
    const { sb, taskId } = await running();
    const ask = (method: HttpMethod, path: string) => sb.request({ method, path });
    expect(ask('GET', `/marathon/v2/apps/web/tasks/${taskId}`)).toEqual(NOT_ALLOWED);
    expect(ask('GET', '/marathon/v2/apps/web/tasks/web.instance-nope._app.1')).toEqual(NOT_ALLOWED);
    expect(ask('GET', `/marathon/v2/apps/nope/tasks/${taskId}`)).toEqual(NOT_ALLOWED);
    for (const method of ['POST', 'PUT', 'PATCH'] as const)
      expect(ask(method, `/marathon/v2/apps/web/tasks/${taskId}`)).toEqual(NOT_ALLOWED);
    // Nothing changed: both tasks still run.
    expect(tasksOf(sb, '/web').map((t) => t.id)).toContain(taskId);
    expect(appOf(sb, '/web').tasksRunning).toBe(2);
  });

  it('answers methods other than GET and DELETE on tasks with 405, before looking for the app', async () => {
    const { sb } = await running();
    for (const method of ['POST', 'PUT', 'PATCH'] as const) {
      expect(sb.request({ method, path: '/marathon/v2/apps/web/tasks' })).toEqual(NOT_ALLOWED);
      expect(sb.request({ method, path: '/marathon/v2/apps/nope/tasks' })).toEqual(NOT_ALLOWED);
    }
  });

  it('still lists the tasks with GET, kills one with DELETE, and 404s an unknown app or task', async () => {
    const { sb, taskId } = await running();
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/web/tasks' }).status).toBe(200);
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/nope/tasks' })).toEqual({
      status: 404,
      body: { message: "App '/nope' does not exist" },
    });
    expect(sb.request({ method: 'DELETE', path: '/marathon/v2/apps/web/tasks/web.instance-nope._app.1' }).status).toBe(404);
    const killed = sb.request({ method: 'DELETE', path: `/marathon/v2/apps/web/tasks/${taskId}` });
    expect(killed.status).toBe(200);
    expect((killed.body as { task: { id: string } }).task.id).toBe(taskId);
  });
});

describe('kill query parameters (JAX-RS booleans; AppTasksResource, TasksResource)', () => {
  it('refuses scale with wipe (400) and reads True as true, as Python clients send it', async () => {
    const { sb, taskId } = await running();
    const both = { status: 400, body: { message: 'You cannot use scale and wipe at the same time.' } };
    expect(sb.request({ method: 'DELETE', path: `/marathon/v2/apps/web/tasks/${taskId}?scale=true&wipe=true` })).toEqual(both);
    expect(sb.request({ method: 'POST', path: '/marathon/v2/tasks/delete?scale=TRUE&wipe=True', body: { ids: [taskId] } })).toEqual(both);
    const scaled = sb.request({ method: 'DELETE', path: `/marathon/v2/apps/web/tasks/${taskId}?scale=True` });
    expect(scaled.status).toBe(200);
    expect(scaled.body).toHaveProperty('deploymentId');
    waitFor(sb, () => deployments(sb).length === 0, 60_000);
    expect(appOf(sb, '/web').instances).toBe(1);
  });
});
