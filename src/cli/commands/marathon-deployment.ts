/**
 * `dcos marathon deployment list|rollback|stop`: dcos-core-cli 2.2 runs them in its Python CLI
 * (`dcoscli/marathon/main.py`; the table is `dcoscli/tables.py` `deployment_table`).
 */
import type { Deployment, DeploymentAction } from '../../api/shapes/marathon.ts';
import { CliError, ok } from '../format.ts';
import { pyJson, pyStr } from '../python.ts';
import { renderPyTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { jsonOrQuiet, pyIdPath, pyMarathon, usageError } from './marathon-python.ts';

/** `DEPLOYMENT_DISPLAY` of the Python tables (it names StartPod, which the Go app list lacks). */
const ACTION_NAMES: Record<string, string> = {
  ResolveArtifacts: 'artifacts',
  ScaleApplication: 'scale',
  StartApplication: 'start',
  StopApplication: 'stop',
  RestartApplication: 'restart',
  ScalePod: 'scale',
  StartPod: 'start',
  StopPod: 'stop',
  RestartPod: 'restart',
  KillAllOldTasksOf: 'kill-tasks',
};

function actionText(d: Deployment): string {
  const pathOf = (a: DeploymentAction) => a.app ?? a.pod;
  const many = new Set(d.currentActions.map(pathOf)).size > 1;
  return d.currentActions
    .map((a) => {
      const name = ACTION_NAMES[a.action];
      if (name === undefined) throw new CliError(`Unknown Marathon action: ${a.action}`);
      const path = pathOf(a);
      if (path === undefined) return 'N/A';
      return many ? `${name} ${path}` : name;
    })
    .join('\n');
}

function deploymentTable(deployments: Deployment[]): string {
  const joined = (ids: string[] | undefined) => (ids && ids.length > 0 ? ids.join('\n') : '-');
  const rows = deployments.map((d) => [
    joined(d.affectedApps),
    joined(d.affectedPods),
    actionText(d),
    `${d.currentStep - 1}/${pyStr(d.totalSteps)}`,
    d.id,
  ]);
  return renderPyTable(['APP', 'POD', 'ACTION', 'PROGRESS', 'ID'], rows, {
    sortBy: 'APP',
    align: { APP: 'l', POD: 'l', ACTION: 'l', ID: 'l' },
  });
}

async function list(ctx: CommandContext) {
  if (ctx.args.length > 1 || jsonOrQuiet(ctx)) return usageError('deployment list [--json|--quiet] [<app-id>]');
  const appId = ctx.args[0];
  let deployments = (await pyMarathon(ctx, 'GET', '/deployments')) as Deployment[];
  if (appId !== undefined) {
    const id = pyIdPath(appId);
    deployments = deployments.filter((d) => d.affectedApps.includes(id) || d.affectedPods.includes(id));
  }
  if (deployments.length === 0 && !ctx.flags['json'])
    throw new CliError(`There are no deployments${appId !== undefined ? ` for '${appId}'` : ''}`);
  if (ctx.flags['quiet']) return ok(deployments.map((d) => `${d.id}\n`).join(''));
  if (ctx.flags['json']) return ok(pyJson(deployments));
  return ok(deploymentTable(deployments));
}

async function cancel(ctx: CommandContext, force: boolean) {
  if (ctx.args.length !== 1) return usageError(`deployment ${force ? 'stop' : 'rollback'} <deployment-id>`);
  const body = await pyMarathon(ctx, 'DELETE', `/deployments/${encodeURIComponent(ctx.args[0]!)}${force ? '?force=true' : ''}`);
  return ok(force ? '' : pyJson(body));
}

export const deploymentCommands: CommandSpec[] = [
  {
    path: ['marathon', 'deployment', 'list'],
    summary: 'Print a list of currently deployed applications.',
    usage: '[<app-id>] [--json|--quiet]',
    args: ['app'],
    flags: ['json', 'quiet'],
    run: list,
  },
  {
    path: ['marathon', 'deployment', 'rollback'],
    summary: 'Remove a deployed application.',
    usage: '<deployment-id>',
    args: ['deployment'],
    run: (ctx) => cancel(ctx, false),
  },
  {
    path: ['marathon', 'deployment', 'stop'],
    summary: 'Cancel the in-progress deployment of an application.',
    usage: '<deployment-id>',
    args: ['deployment'],
    run: (ctx) => cancel(ctx, true),
  },
];
