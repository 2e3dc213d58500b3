/** `dcos task` (Mesos' tasks) and `dcos service` (Mesos' frameworks). */
import { getJson, json4, ok } from '../format.ts';
import { renderTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import type { MesosFramework, MesosTask, MesosTaskList } from '../../api/shapes/mesos.ts';
import { faultDomain, getState, TERMINAL_STATES } from './mesos.ts';
import { taskLog } from './task-log.ts';

/** Tasks whose id or name contains `filter` (the real CLI's optional `<task>` argument). */
export const matches = (t: MesosTask, filter: string | undefined) => !filter || t.id.includes(filter) || t.name.includes(filter);

async function list(ctx: CommandContext) {
  const { tasks } = await getJson<MesosTaskList>(ctx.request, '/mesos/master/tasks');
  const filter = ctx.args[0];
  const all = ctx.flags['all'] === true;
  const completed = ctx.flags['completed'] === true;
  if (all && completed) return { stdout: '', stderr: 'Error: cannot accept both options --all and --completed\n', exitCode: 1 };
  const shown = tasks.filter((t) => matches(t, filter) && (all || completed === TERMINAL_STATES.has(t.state)));
  if (ctx.flags['json']) return ok(json4(shown));
  if (ctx.flags['quiet']) return ok(shown.map((t) => `${t.id}\n`).join(''));
  const state = await getState(ctx.request);
  const agents = new Map(state.slaves.map((s) => [s.id, s]));
  const users = new Map(state.frameworks.map((f) => [f.id, f.user]));
  const rows = shown.map((t) => {
    const agent = agents.get(t.slave_id);
    const [region, zone] = faultDomain(agent);
    return [
      t.name,
      agent?.hostname ?? 'N/A',
      users.get(t.framework_id) ?? '',
      t.state.replace(/^TASK_/, ''),
      t.id,
      t.slave_id,
      region,
      zone,
    ];
  });
  return ok(renderTable(['NAME', 'HOST', 'USER', 'STATE', 'ID', 'AGENT ID', 'REGION', 'ZONE'], rows));
}

const fixed1 = (n: number) => n.toFixed(1);

async function services(ctx: CommandContext) {
  const state = await getState(ctx.request);
  let frameworks: MesosFramework[] = state.frameworks;
  if (!ctx.flags['inactive']) frameworks = frameworks.filter((f) => f.active);
  if (ctx.flags['completed']) frameworks = [...frameworks, ...state.completed_frameworks];
  if (ctx.flags['json']) return ok(json4(frameworks));
  if (ctx.flags['quiet']) return ok(frameworks.map((f) => `${f.name}\n`).join(''));
  const rows = frameworks.map((f) => {
    const r = f.resources;
    return [f.name, f.hostname, f.active ? 'True' : 'False', f.tasks.length, fixed1(r.cpus), fixed1(r.mem), fixed1(r.disk), f.id];
  });
  return ok(
    renderTable(['NAME', 'HOST', 'ACTIVE', 'TASKS', 'CPU', 'MEM', 'DISK', 'ID'], rows, {
      align: { TASKS: 'r', CPU: 'r', MEM: 'r', DISK: 'r' },
    }),
  );
}

const taskFlags = ['all', 'completed', 'json', 'quiet'];
const serviceFlags = ['completed', 'inactive', 'json', 'quiet'];

export const taskCommands: CommandSpec[] = [
  {
    path: ['task'],
    summary: 'Print the Mesos tasks in the cluster',
    usage: '[<task>] [--all|--completed] [--json|--quiet]',
    args: ['task'],
    flags: taskFlags,
    run: list,
  },
  {
    path: ['task', 'list'],
    summary: 'Print the Mesos tasks in the cluster',
    usage: '[<task>] [--all|--completed] [--json|--quiet]',
    args: ['task'],
    flags: taskFlags,
    run: list,
  },
  {
    path: ['task', 'log'],
    summary: "Print a task's stdout (simulated from its status history)",
    usage: '<task-id> [--lines=N]',
    args: ['task'],
    flags: ['lines', 'completed', 'all'],
    run: taskLog,
  },
  {
    path: ['service'],
    summary: 'Show the DC/OS services (Mesos frameworks)',
    usage: '[--inactive] [--completed] [--json|--quiet]',
    flags: serviceFlags,
    run: services,
  },
  {
    path: ['service', 'list'],
    summary: 'Show the DC/OS services (Mesos frameworks)',
    usage: '[--inactive] [--completed] [--json|--quiet]',
    flags: serviceFlags,
    run: services,
  },
];
