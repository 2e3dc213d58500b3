/**
 * `dcos marathon pod list|add|show|remove|update|kill`: dcos-core-cli 2.2 runs them in its Python CLI
 * (`dcoscli/marathon/main.py`, `dcos/marathon.py`; the table is `dcoscli/tables.py` `pod_table`).
 */
import type { ApiResponse } from '../../api/types.ts';
import type { MarathonQueue, PodStatus } from '../../api/shapes/marathon.ts';
import { CliError, fail, ok } from '../format.ts';
import { pyJson, pyStr } from '../python.ts';
import { renderPyTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import {
  createdDeployment,
  forceQuery,
  jsonOrQuiet,
  pyIdPath,
  pyMarathon,
  pyMarathonResponse,
  readResource,
  usageError,
} from './marathon-python.ts';

type ListedPod = PodStatus & { overdue: boolean };

function podRow(pod: ListedPod): string[] {
  const names = pod.spec.containers.map((c) => c.name).sort();
  return [
    pod.id + names.map((n) => `\n |-${n}`).join(''),
    String(pod.instances.length),
    'version' in pod.spec ? pyStr(pod.spec.version) : '-',
    pod.status,
    pod.statusSince,
    pyStr(pod.overdue),
    'role' in pod.spec ? pyStr(pod.spec.role) : 'N/A',
  ];
}

async function list(ctx: CommandContext) {
  if (ctx.args.length > 0 || jsonOrQuiet(ctx)) return usageError('pod list [--json|--quiet]');
  const pods = (await pyMarathon(ctx, 'GET', '/pods/::status')) as PodStatus[];
  const { queue } = (await pyMarathon(ctx, 'GET', '/queue')) as MarathonQueue;
  // `_enhance_row_with_overdue_information` adds `overdue` to each pod, so --json shows it too.
  const listed: ListedPod[] = pods.map((p) => ({
    ...p,
    overdue: queue.find((q) => (q.app ?? q.pod)?.id === p.id)?.delay.overdue ?? false,
  }));
  if (ctx.flags['quiet']) return ok(listed.map((p) => `${p.id}\n`).join(''));
  if (ctx.flags['json']) return ok(pyJson(listed));
  const headers = ['ID+TASKS', 'INSTANCES', 'VERSION', 'STATUS', 'STATUS SINCE', 'WAITING', 'ROLE'];
  return ok(
    renderPyTable(headers, listed.map(podRow), {
      sortBy: 'ID+TASKS',
      align: { 'ID+TASKS': 'l', VERSION: 'l', STATUS: 'l', 'STATUS SINCE': 'l', WAITING: 'l' },
    }),
  );
}

/** The deployment a pod write started, as the CLI reads it: Marathon's `Marathon-Deployment-Id` header. */
const deploymentOf = (res: ApiResponse) => res.headers?.['Marathon-Deployment-Id'];

async function add(ctx: CommandContext) {
  if (ctx.args.length > 1) return usageError('pod add [<pod-resource>]');
  const pod = readResource(ctx, ctx.args[0]);
  const id = typeof pod === 'object' && pod !== null ? (pod as Record<string, unknown>)['id'] : undefined;
  const warning =
    typeof id === 'string' && id.length >= 55
      ? 'Service IDs must be less than 55 characters in order to have SRV records generated correctly.\n'
      : '';
  let res: ApiResponse;
  try {
    res = await pyMarathonResponse(ctx, 'POST', '/pods', pod);
  } catch (e) {
    if (e instanceof CliError) return fail(e.message, 1, warning);
    throw e;
  }
  const created = createdDeployment(deploymentOf(res));
  return { ...created, stdout: warning + created.stdout };
}

async function show(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('pod show <pod-id>');
  return ok(pyJson(await pyMarathon(ctx, 'GET', `/pods${pyIdPath(ctx.args[0]!)}::status`)));
}

async function remove(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('pod remove [--force] <pod-id>');
  await pyMarathon(ctx, 'DELETE', `/pods${pyIdPath(ctx.args[0]!)}${forceQuery(ctx)}`);
  return ok();
}

async function update(ctx: CommandContext) {
  if (ctx.args.length !== 1) return usageError('pod update [--force] <pod-id>');
  const id = pyIdPath(ctx.args[0]!);
  await pyMarathon(ctx, 'GET', `/pods${id}::status`);
  const pod = readResource(ctx, undefined);
  const deployment = deploymentOf(await pyMarathonResponse(ctx, 'PUT', `/pods${id}${forceQuery(ctx)}`, pod));
  if (deployment === undefined) throw new CliError('Error: missing "Marathon-Deployment-Id" header from Marathon response');
  return createdDeployment(deployment);
}

/**
 * The CLI sends one `DELETE /v2/pods/<id>::instances` with the ids; the sandbox's Marathon kills one instance
 * per call (`::instances/<instance-id>`), so the ids the pod has are killed one by one and others left out,
 * as Marathon leaves them out. It prints nothing.
 */
async function kill(ctx: CommandContext) {
  if (ctx.args.length === 0) return usageError('pod kill <pod-id> [<instance-ids>...]');
  const [podId, ...instanceIds] = ctx.args as [string, ...string[]];
  if (instanceIds.length === 0) throw new CliError('Please provide at least one pod instance ID');
  const id = pyIdPath(podId);
  const status = (await pyMarathon(ctx, 'GET', `/pods${id}::status`)) as PodStatus;
  const known = new Set(status.instances.map((i) => i.id));
  for (const instance of instanceIds.filter((i) => known.has(i)))
    await pyMarathon(ctx, 'DELETE', `/pods${id}::instances/${encodeURIComponent(instance)}`);
  return ok();
}

export const podCommands: CommandSpec[] = [
  { path: ['marathon', 'pod', 'add'], summary: 'Add a pod.', usage: '<pod-json>', run: add },
  {
    path: ['marathon', 'pod', 'list'],
    summary: 'List the deployed pods.',
    usage: '[--json|--quiet]',
    flags: ['json', 'quiet'],
    run: list,
  },
  {
    path: ['marathon', 'pod', 'show'],
    summary: 'Display detailed information for a specific pod.',
    usage: '<pod-id>',
    args: ['pod'],
    run: show,
  },
  {
    path: ['marathon', 'pod', 'remove'],
    summary: 'Remove a pod.',
    usage: '<pod-id> [--force]',
    args: ['pod'],
    flags: ['force'],
    run: remove,
  },
  {
    path: ['marathon', 'pod', 'update'],
    summary: 'Update a pod.',
    usage: '<pod-id> [--force] <pod-json>',
    args: ['pod'],
    flags: ['force'],
    run: update,
  },
  {
    path: ['marathon', 'pod', 'kill'],
    summary: 'Kill one or more running pod instances.',
    usage: '<pod-id> <instance-id>...',
    args: ['pod', 'text'],
    run: kill,
  },
];
