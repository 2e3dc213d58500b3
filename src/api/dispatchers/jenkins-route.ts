/**
 * The sandbox's way to give a Jenkins master work (`/sandbox/v1/jenkins/<name>/builds`): no jobs run in the
 * simulated Jenkins, so a build is queued by hand with how long it runs; the Mesos plugin then launches a build agent
 * for it and kills the agent when the build ends. `GET` lists the builds, oldest first.
 */
import type { ApiContext, ApiService } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import { jsonBody, methodNotAllowed } from '../http.ts';
import type { DispatcherService, JenkinsBuild } from '../../engine/dispatchers/model.ts';
import { DEFAULT_BUILD_SECONDS, queueBuild } from '../../engine/dispatchers/jenkins.ts';
import type { JenkinsBuildJson } from '../shapes/dispatchers.ts';

/** A day: longer builds are refused. */
const MAX_BUILD_SECONDS = 86_400;

const message = (status: number, text: string): ApiResponse => ({ status, body: { message: text } });

const buildJson = (b: JenkinsBuild): JenkinsBuildJson => ({
  number: b.number,
  state: b.state,
  durationSeconds: b.durationMs / 1000,
  agentTaskId: b.taskId,
});

function queue(api: ApiContext, service: DispatcherService, raw: unknown): ApiResponse {
  const parsed = jsonBody(raw ?? {});
  if (!parsed.ok) return message(400, parsed.error);
  const body = parsed.value ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) return message(400, 'Expected a JSON object');
  const extra = Object.keys(body).filter((k) => k !== 'durationSeconds');
  if (extra.length > 0) return message(400, `Unknown field '${extra[0]}'`);
  const d = (body as { durationSeconds?: unknown }).durationSeconds ?? DEFAULT_BUILD_SECONDS;
  if (typeof d !== 'number' || !Number.isFinite(d) || d <= 0 || d > MAX_BUILD_SECONDS)
    return message(422, `durationSeconds must be a number in (0, ${MAX_BUILD_SECONDS}]`);
  return { status: 201, body: buildJson(queueBuild(api.ctx, api.state, service, d)) };
}

export const jenkinsBuildsService: ApiService = {
  prefix: 'sandbox/v1/jenkins',
  handle(api, { segments, req }) {
    const [name, resource, ...rest] = segments;
    const service = name === undefined ? undefined : api.state.dispatchers?.services[name];
    if (!service || service.packageName !== 'jenkins') return message(404, `No Jenkins service '${name ?? ''}'`);
    if (resource !== 'builds' || rest.length > 0) return message(404, 'Not Found');
    if (req.method === 'GET') return { status: 200, body: service.builds.map(buildJson) };
    if (req.method === 'POST') return queue(api, service, req.body);
    return methodNotAllowed(['GET', 'POST'], req.method);
  },
};
