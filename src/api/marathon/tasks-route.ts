/** `/v2/tasks`: every task, and killing tasks (optionally scaling their apps down). */
import type { ApiRequest, ApiResponse } from '../types.ts';
import { killTasks } from '../../engine/marathon/operations.ts';
import { instancesOf } from '../../engine/marathon/store.ts';
import { servicePortsOf } from '../../engine/marathon/service-ports.ts';
import { jsonBody, methodNotAllowed, queryFlag } from '../http.ts';
import { tasksOfInstance } from './json.ts';
import type { ApiContext } from '../service.ts';
import type { MarathonTask, MarathonTaskList } from '../shapes/marathon.ts';
import { json, started, message } from './answer.ts';
import { own } from '../../common/own.ts';

export function taskJsonById(api: ApiContext, taskId: string): MarathonTask | null {
  const m = api.state.marathon;
  const instanceId = own(m.taskInstance, taskId);
  const instance = instanceId === undefined ? undefined : own(m.instances, instanceId);
  const record = instance ? own(m.runSpecs, instance.runSpecId) : undefined;
  if (!instance || !record) return null;
  return tasksOfInstance(api.state, record, instance).find((t) => t.id === taskId) ?? null;
}

export function tasks(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  if (rest.length === 0) {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    const wanted = new Set(
      query
        .getAll('status')
        .flatMap((s) => s.split(','))
        .map((s) => `TASK_${s.toUpperCase()}`),
    );
    const list = Object.values(m.runSpecs)
      .filter((r) => !r.removing)
      .flatMap((r) => {
        const servicePorts = r.app ? servicePortsOf(r.app) : [];
        return instancesOf(m, r).flatMap((i) => tasksOfInstance(state, r, i, servicePorts));
      })
      .filter((t) => wanted.size === 0 || wanted.has(String(t.state)));
    return json<MarathonTaskList>(200, { tasks: list });
  }
  if (rest.length === 1 && rest[0] === 'delete') {
    if (req.method !== 'POST') return methodNotAllowed(['POST'], req.method);
    const body = jsonBody(req.body);
    const ids = body.ok ? (body.value as { ids?: unknown } | null)?.ids : undefined;
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string'))
      return json(422, { message: 'Invalid JSON', details: [{ path: '/ids', errors: ['error.expected.jsarray'] }] });
    const before = ids.map((taskId) => taskJsonById(api, taskId)).filter((t): t is MarathonTask => t !== null);
    if (queryFlag(query, 'scale') && queryFlag(query, 'wipe')) return message(400, 'You cannot use scale and wipe at the same time.');
    const done = killTasks(ctx, state, ids, queryFlag(query, 'scale'), queryFlag(query, 'force'), queryFlag(query, 'wipe'));
    if (!done.ok) return json(done.status, done.body);
    if (done.value.deployment) return started(200, done.value.deployment);
    return json<MarathonTaskList>(200, { tasks: before });
  }
  return message(404, 'Not Found');
}
