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
import { adjustOffers, restartPod } from '../../engine/sdk/services.ts';
import { forceComplete, planNamed, restartElement, setInterrupted, startPlan, stopPlan } from '../../engine/sdk/plan-commands.ts';
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

/**
 * `GET /v1/endpoints/<name>`: the running tasks' addresses (agent IP and their port), their autoip names and, for
 * Kafka's brokers, the VIP the package declares (`broker:9092`); 404 for an endpoint the service has not.
 */
function endpoint(state: ClusterState, service: SdkService, name: string): ApiResponse {
  const spec = service.pods.find((p) => p.tasks[0] === name);
  if (!spec) return notFound(`Endpoint ${name}`);
  const address: string[] = [];
  const dns: string[] = [];
  for (const instance of Object.values(service.instances)) {
    if (instance.type !== spec.type) continue;
    const task = instance.taskIds[0] === undefined ? undefined : state.tasks[instance.taskIds[0]];
    const port = task?.portions.flatMap((p) => p.ports)[0]?.[0];
    if (!task || task.state !== 'TASK_RUNNING' || port === undefined) continue;
    address.push(`${state.agents[task.agentIdx]!.ip}:${port}`);
    dns.push(`${instance.name}-${name}.${service.name}.autoip.dcos.thisdcos.directory:${port}`);
  }
  const vip = service.packageName === 'kafka' ? { vip: `${name}.${service.name}.l4lb.thisdcos.directory:9092` } : {};
  return json(200, { address, dns, ...vip });
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

const COMMANDS = ['start', 'stop', 'continue', 'interrupt', 'forceComplete', 'restart'];

/** `POST /v1/plans/<plan>/<cmd>[?phase=&step=]`: `{"message": "Received cmd: …"}`, 208 when already so, 404 when not found. */
function planCommand(api: ApiContext, service: SdkService, planName: string, cmd: string, query: URLSearchParams): ApiResponse {
  const plan = planNamed(service, planName);
  if (!plan) return notFound(`Plan ${planName}`);
  if (!COMMANDS.includes(cmd)) return notFound('Resource');
  const phase = query.get('phase');
  const step = query.get('step');
  if (cmd === 'forceComplete' && (phase === null || step === null))
    return { status: 400, body: 'Missing phase', headers: { 'Content-Type': 'text/plain' } };
  const result =
    cmd === 'start'
      ? startPlan(plan)
      : cmd === 'stop'
        ? stopPlan(plan)
        : cmd === 'continue' || cmd === 'interrupt'
          ? setInterrupted(plan, phase, cmd === 'interrupt')
          : cmd === 'forceComplete'
            ? forceComplete(plan, phase!, step!)
            : restartElement(plan, phase, step);
  if (!result.ok)
    return result.status === 208
      ? { status: 208, body: 'Command has already been reported or completed', headers: { 'Content-Type': 'text/plain' } }
      : notFound(result.what);
  adjustOffers(api.ctx, api.state, service);
  // Step-level commands name where they acted (Java writes a missing phase or step as `null`).
  const message =
    cmd === 'forceComplete' || cmd === 'restart'
      ? `Received cmd: ${cmd} for Plan: ${planName}, Phase: ${phase}, Step: ${step}`
      : `Received cmd: ${cmd}`;
  return json(200, { message });
}

function handle(api: ApiContext, service: SdkService, rest: string[], req: ApiRequest, query: URLSearchParams): ApiResponse {
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
  if (resource === 'plans' && name !== undefined && action !== undefined && req.method === 'POST')
    return planCommand(api, service, name, action, query);
  if (resource === 'pod' && name === undefined && req.method === 'GET') return json(200, Object.keys(service.instances));
  if (resource === 'pod' && name === 'status' && req.method === 'GET') return json(200, podStatus(state, service));
  if (resource === 'pod' && name !== undefined && (action === 'restart' || action === 'replace') && req.method === 'POST') {
    const tasks = restartPod(api.ctx, state, service, name, action === 'replace');
    return tasks === null ? notFound(`Pod ${name}`) : json(200, { pod: name, tasks });
  }
  if (resource === 'pod' && name !== undefined && action === 'status' && req.method === 'GET') {
    const pod = podStatus(state, service)
      .pods.flatMap((p) => p.instances)
      .find((i) => i.name === name);
    return pod ? json(200, pod) : notFound(`Pod ${name}`);
  }
  if (resource === 'endpoints' && name === undefined && req.method === 'GET')
    return json(
      200,
      service.pods.map((p) => p.tasks[0]!),
    );
  if (resource === 'endpoints' && name !== undefined && req.method === 'GET') return endpoint(state, service, name);
  return notFound('Resource');
}

export const sdkService: ApiService = {
  prefix: 'service',
  handle(api, { segments, req, query }) {
    const [name, ...rest] = segments;
    const service = name === undefined ? undefined : api.state.sdk?.services[name];
    if (!service) return { status: 404, body: 'Not Found', headers: { 'Content-Type': 'text/plain' } };
    return handle(api, service, rest, req, query);
  },
};
