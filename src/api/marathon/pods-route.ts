/** `/v2/pods`: pods, their status and their instances. */
import { readContextOf } from '../../engine/marathon/read-context.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { create, killTasks, remove, replace } from '../../engine/marathon/operations.ts';
import { readPod } from '../../common/marathon/validate-pod.ts';
import { podJson, podStatusJson } from './pods.ts';
import { normalizePath } from '../../common/marathon/path-id.ts';
import { recordOf } from '../../engine/marathon/store.ts';
import { jsonBody, methodNotAllowed, queryFlag } from '../http.ts';
import type { Json } from './json.ts';
import type { ApiContext } from '../service.ts';
import type { MarathonPod } from '../shapes/marathon-definitions.ts';
import type { PodStatus } from '../shapes/marathon.ts';
import { createdAt, deployed, json, message, withDeployment } from './answer.ts';
import { own } from '../../common/own.ts';

export function pods(api: ApiContext, req: ApiRequest, rest: string[], query: URLSearchParams): ApiResponse {
  const { state, ctx } = api;
  const m = state.marathon;
  const force = queryFlag(query, 'force');
  const [path = '', suffix = ''] = rest.join('/').split('::');
  const id = normalizePath(path);
  const podRecords = () => Object.values(m.runSpecs).filter((r) => r.kind === 'pod' && !r.removing);
  if (path === '' && suffix === 'status')
    return req.method === 'GET'
      ? json<PodStatus[]>(
          200,
          podRecords().map((r) => podStatusJson(state, r)),
        )
      : methodNotAllowed(['GET'], req.method);
  if (path === '') {
    if (req.method === 'GET')
      return json<MarathonPod[]>(
        200,
        podRecords().map((r) => podJson(r.pod!, r.version)),
      );
    if (req.method !== 'POST') return methodNotAllowed(['GET', 'POST'], req.method);
    const body = jsonBody(req.body);
    if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
    const read = readPod(body.value, readContextOf(m));
    if (!read.ok) return json(read.status, read.body);
    // Marathon answers with the pod alone; the deployment is named in its header (PodsResource.create).
    return deployed(create(ctx, state, { kind: 'pod', pod: read.pod }), (dep) =>
      createdAt(withDeployment(json<MarathonPod>(201, podJson(read.pod, dep.version)), dep), state, read.pod.id),
    );
  }
  const record = recordOf(m, id);
  const pod = record?.kind === 'pod' ? record : undefined;
  if (suffix === 'status') {
    if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
    return pod ? json<PodStatus>(200, podStatusJson(state, pod)) : message(404, `Pod '${id}' does not exist`);
  }
  if (suffix === 'versions') {
    if (!pod) return message(404, `Pod '${id}' does not exist`);
    return json<string[]>(200, pod.versions.map((v) => v.version).reverse());
  }
  if (suffix.startsWith('instances/')) {
    if (req.method !== 'DELETE') return methodNotAllowed(['DELETE'], req.method);
    const instance = pod ? own(m.instances, suffix.slice('instances/'.length)) : undefined;
    if (!pod || !instance || instance.runSpecId !== id)
      return message(404, `Instance '${suffix.slice('instances/'.length)}' of pod '${id}' does not exist`);
    const done = killTasks(ctx, state, instance.taskIds, false, force, queryFlag(query, 'wipe'));
    return done.ok ? json(200, { instanceId: instance.id }) : json(done.status, done.body);
  }
  if (suffix !== '') return message(404, 'Not Found');
  switch (req.method) {
    case 'GET':
      return pod ? json<MarathonPod>(200, podJson(pod.pod!, pod.version)) : message(404, `Pod '${id}' does not exist`);
    case 'PUT': {
      const body = jsonBody(req.body);
      if (!body.ok) return json(400, { message: 'Invalid JSON', details: body.error });
      const raw =
        typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value) ? { ...(body.value as Json), id } : body.value;
      const read = readPod(raw, readContextOf(m, '/', force));
      if (!read.ok) return json(read.status, read.body);
      return deployed(replace(ctx, state, { kind: 'pod', pod: read.pod }, force), (dep) =>
        withDeployment(json<MarathonPod>(pod ? 200 : 201, podJson(read.pod, dep.version)), dep),
      );
    }
    case 'DELETE':
      // 202 without a body (PodsResource.remove).
      return deployed(remove(ctx, state, 'pod', id, force), (dep) => withDeployment(json(202, ''), dep));
  }
  return methodNotAllowed(['GET', 'PUT', 'DELETE'], req.method);
}
