/**
 * An SDK service's own HTTP API behind Admin Router at `/service/<name>/v1/…` (dcos-commons `PlansQueries`,
 * `PodQueries`, `EndpointsQueries`): its plans (200 when complete, 202 in progress, 417 with errors), its pods and
 * their restart and replace. Not found: text `<Item> <name> not found`, 404.
 */
import type { ApiContext, ApiService } from '../service.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { SdkPlan, SdkService } from '../../engine/sdk/model.ts';
import { phaseStatus, planStatus } from '../../engine/sdk/plans.ts';
import { restartPod } from '../../engine/sdk/services.ts';
import type { SdkPlanJson, SdkPodStatusJson } from '../shapes/sdk.ts';

const json = (status: number, body: unknown): ApiResponse => ({ status, body });
const notFound = (what: string): ApiResponse => ({ status: 404, body: `${what} not found`, headers: { 'Content-Type': 'text/plain' } });

export function planJson(plan: SdkPlan): SdkPlanJson {
  return {
    phases: plan.phases.map((p) => ({
      id: p.id,
      name: p.name,
      steps: p.steps.map((s) => ({ id: s.id, status: s.status, name: s.name, message: s.message || `${s.name} ${s.status}` })),
      strategy: p.strategy,
      status: phaseStatus(p, plan.interrupted),
    })),
    errors: [...plan.errors],
    strategy: plan.strategy,
    status: planStatus(plan),
  };
}

function podStatus(state: ClusterState, service: SdkService): SdkPodStatusJson {
  return {
    service: service.name,
    pods: service.pods.map((spec) => ({
      name: spec.type,
      instances: Object.values(service.instances)
        .filter((i) => i.type === spec.type)
        .map((i) => ({
          name: i.name,
          tasks: spec.tasks.map((t, k) => {
            const id = i.taskIds[k];
            const live = id === undefined ? undefined : state.tasks[id];
            const mesosState = live?.state ?? i.taskStates[k];
            return { id: id ?? '', name: `${i.name}-${t}`, status: mesosState ? mesosState.replace(/^TASK_/, '') : 'NOT_LAUNCHED' };
          }),
        })),
    })),
  };
}

function handle(api: ApiContext, service: SdkService, rest: string[], req: ApiRequest): ApiResponse {
  const { state } = api;
  const [v1, resource, name, action] = rest;
  if (v1 !== 'v1') return notFound('Resource');
  if (resource === 'plans' && name === undefined && req.method === 'GET') return json(200, ['deploy', 'recovery']);
  if (resource === 'plans' && name !== undefined && action === undefined && req.method === 'GET') {
    const plan = name === 'deploy' ? service.deploy : name === 'recovery' ? service.recovery : undefined;
    if (!plan) return notFound(`Plan ${name}`);
    const status = planStatus(plan);
    return json(status === 'ERROR' ? 417 : status === 'COMPLETE' ? 200 : 202, planJson(plan));
  }
  if (resource === 'pod' && name === undefined && req.method === 'GET') return json(200, Object.keys(service.instances));
  if (resource === 'pod' && name === 'status' && req.method === 'GET') return json(200, podStatus(state, service));
  if (resource === 'pod' && name !== undefined && (action === 'restart' || action === 'replace') && req.method === 'POST') {
    const tasks = restartPod(api.ctx, state, service, name, action === 'replace');
    return tasks === null ? notFound(`Pod ${name}`) : json(200, { pod: name, tasks });
  }
  if (resource === 'endpoints' && name === undefined && req.method === 'GET')
    return json(
      200,
      service.pods.map((p) => p.tasks[0]!),
    );
  return notFound('Resource');
}

export const sdkService: ApiService = {
  prefix: 'service',
  handle(api, { segments, req }) {
    const [name, ...rest] = segments;
    const service = name === undefined ? undefined : api.state.sdk?.services[name];
    if (!service) return { status: 404, body: 'Not Found', headers: { 'Content-Type': 'text/plain' } };
    return handle(api, service, rest, req);
  },
};
