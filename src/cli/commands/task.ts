/**
 * `dcos task [list]` (`pkg/cmd/task/task{,_list}.go`) and `dcos service [list]` (`pkg/cmd/service/service{,_list}.go`)
 * of dcos-core-cli 2.2. Tasks and frameworks come from Mesos' state; the CLI's `GET_AGENTS` and `GET_FRAMEWORKS`
 * calls (hostnames, users) are read from the same state, as the sandbox does not serve them. An agent's region
 * and zone are its `region` and `zone` attributes, the sandbox's stand-in for a fault domain.
 */
import type { MesosAgent, MesosFramework, MesosTask } from '../../api/shapes/mesos.ts';
import { afterNotice, goError, ok } from '../format.ts';
import { checkArgs, goJson, project } from '../go.ts';
import { MESOS_FRAMEWORK, MESOS_TASK } from '../go-shapes.ts';
import { goFixed, renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getState } from './mesos.ts';
import { taskLog } from './task-log.ts';
import { findTasks } from './task-filter.ts';

function taskRow(t: MesosTask, agents: Map<string, MesosAgent>, users: Map<string, string>): string[] {
  const agent = agents.get(t.slave_id);
  const where = (name: string) => {
    if (!agent) return '';
    const v = agent.attributes[name];
    return typeof v === 'string' && v !== '' ? v : 'N/A';
  };
  return [t.name, agent?.hostname ?? '', users.get(t.framework_id) ?? '', t.state, t.id, t.slave_id, where('region'), where('zone')];
}

async function list(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 1, 'dcos task list');
  const all = ctx.flags['all'] === true;
  const completed = ctx.flags['completed'] === true;
  if (all && completed) throw goError('cannot accept both options --all and --completed');
  const state = await getState(ctx.request);
  const filters = { active: !completed, completed: all || completed, id: ctx.args[0] ?? '', agent: String(ctx.flags['agent-id'] ?? '') };
  let tasks: MesosTask[] = [];
  try {
    tasks = findTasks(state, filters);
  } catch (e) {
    if (!ctx.flags['json']) throw e;
  }
  if (ctx.flags['json']) return ok(goJson(tasks.map((t) => project(t, MESOS_TASK))));
  if (ctx.flags['quiet']) return ok(tasks.map((t) => `${t.id}\n`).join(''));
  const agents = new Map(state.slaves.map((s) => [s.id, s]));
  const users = new Map([...state.frameworks, ...(state.completed_frameworks as MesosFramework[])].map((f) => [f.id, f.user]));
  const rows = tasks.map((t) => taskRow(t, agents, users));
  return ok(renderGoTable(['NAME', 'HOST', 'USER', 'STATE', 'ID', 'AGENT ID', 'REGION', 'ZONE'], rows));
}

async function services(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos service list');
  const state = await getState(ctx.request);
  const active = state.frameworks.filter((f) => f.active);
  // Go's filtered slice is nil when no framework is active, and `--json` then prints null.
  let frameworks: MesosFramework[] | null = ctx.flags['inactive'] ? state.frameworks : active.length > 0 ? active : null;
  if (ctx.flags['completed'] && state.completed_frameworks.length > 0)
    frameworks = [...(frameworks ?? []), ...(state.completed_frameworks as MesosFramework[])];
  if (ctx.flags['json']) return ok(goJson(frameworks === null ? null : frameworks.map((f) => project(f, MESOS_FRAMEWORK))));
  const listed = frameworks ?? [];
  if (ctx.flags['quiet']) return ok(listed.map((f) => `${f.name}\n`).join(''));
  if (ctx.flags['id-only']) return ok(listed.map((f) => `${f.id}\n`).join(''));
  const rows = listed.map((f) => {
    const r = f.resources;
    return [
      f.name,
      f.hostname,
      f.active ? 'True' : 'False',
      String(f.tasks.length),
      goFixed(r.cpus, 1),
      goFixed(r.mem, 1),
      goFixed(r.disk, 1),
      f.id,
    ];
  });
  return ok(renderGoTable(['NAME', 'HOST', 'ACTIVE', 'TASKS', 'CPU', 'MEM', 'DISK', 'ID'], rows));
}

const TASKS_DEPRECATED = 'Getting the list of tasks from `dcos task` is deprecated. Please use `dcos task list`.\n';
const SERVICES_DEPRECATED = 'Getting the list of services from `dcos service` is deprecated. Please use `dcos service list`.\n';

export const taskCommands: CommandSpec[] = [
  {
    path: ['task'],
    summary: 'Manage DC/OS tasks',
    usage: '[<task-id>] [--all|--completed] [--json]',
    args: ['task'],
    flags: ['all', 'completed', 'json'],
    run: (ctx) => {
      checkArgs(ctx.args, 0, 1, 'dcos task');
      return afterNotice(TASKS_DEPRECATED, () => list(ctx));
    },
  },
  {
    path: ['task', 'list'],
    summary: 'Print the Mesos tasks in the cluster',
    usage: '[<filter>] [--all|--completed] [--agent-id=<agent-id>] [--json|--quiet]',
    args: ['task'],
    flags: ['all', 'completed', 'json', 'quiet', 'agent-id'],
    run: list,
  },
  {
    path: ['task', 'log'],
    summary: 'Print the task log. By default, the 10 most recent task logs from stdout are printed.',
    usage: '<task> [<file>] [--lines=N] [--all|--completed]',
    args: ['task', 'text'],
    flags: ['lines', 'completed', 'all', 'follow', 'output'],
    run: taskLog,
  },
  {
    path: ['service'],
    summary: 'Manage DC/OS services',
    usage: '[--inactive] [--completed] [--json]',
    flags: ['completed', 'inactive', 'json'],
    runsWithSubcommands: true,
    run: (ctx) => afterNotice(SERVICES_DEPRECATED, () => services(ctx)),
  },
  {
    path: ['service', 'list'],
    summary: 'Show DC/OS services',
    usage: '[--inactive] [--completed] [--json|--quiet]',
    flags: ['completed', 'inactive', 'json', 'quiet', 'id-only'],
    run: services,
  },
];
