/**
 * `dcos node [list]`: dcos-core-cli 2.2's `pkg/cmd/node/node_list.go`. Agents come from Mesos' state (with
 * the state summary's task counters); the CLI's other sources have stand-ins here, as the sandbox serves
 * neither Mesos-DNS, the networking API nor the v1 `GET_AGENTS` call:
 * - the masters (Mesos-DNS `master.mesos`, one record each, host `master.mesos.`) are the running ones of
 *   `sandbox_masters`, the leader told by the leader's address;
 * - an agent's STATUS (`GET_AGENTS`: its drain state, else DEACTIVATED or ACTIVE) comes from the same fields of
 *   Mesos' state;
 * - PUBLIC IP(S) stay empty, as the CLI leaves them when the networking API does not answer;
 * - an agent's region and zone (its fault domain) are its `region` and `zone` attributes, the sandbox's stand-in.
 */
import type { MesosAgent, MesosState, SummaryAgent } from '../../api/shapes/mesos.ts';
import { afterNotice, ok } from '../format.ts';
import { checkArgs, goJson, project } from '../go.ts';
import { MESOS_MASTER, MESOS_SLAVE } from '../go-shapes.ts';
import { renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { getState, getStateSummary, ipOfPid, mesosDnsMasters } from './mesos.ts';
import { nodeComponentsCommand } from './node-components.ts';
import { nodeDnsCommand } from './node-dns.ts';
import { nodeMaintenanceCommands } from './node-maintenance.ts';

const HEADERS = ['HOSTNAME', 'IP', 'PUBLIC IP(S)', 'ID', 'TYPE', 'STATUS', 'REGION', 'ZONE'];
const orNA = (s: string) => (s !== '' ? s : 'N/A');

/** What `GET_AGENTS` says of an agent: its drain state, else DEACTIVATED or ACTIVE (UNKNOWN if neither). */
function statusOf(agent: MesosAgent): string {
  if (agent.drain_info) return agent.drain_info.state;
  if (agent.deactivated) return 'DEACTIVATED';
  return agent.active ? 'ACTIVE' : 'UNKNOWN';
}

const attribute = (agent: MesosAgent, name: string) => {
  const v = agent.attributes[name];
  return typeof v === 'string' ? v : '';
};

const COUNTERS = [
  'TASK_ERROR',
  'TASK_FAILED',
  'TASK_FINISHED',
  'TASK_KILLED',
  'TASK_KILLING',
  'TASK_LOST',
  'TASK_RUNNING',
  'TASK_STAGING',
  'TASK_STARTING',
] as const;

function agentRow(agent: MesosAgent, summary: SummaryAgent | undefined) {
  const region = attribute(agent, 'region');
  const zone = attribute(agent, 'zone');
  const counters = Object.fromEntries(COUNTERS.map((c) => [c, summary?.[c] ?? 0]));
  const json = project({ ...agent, ...counters, type: 'agent', region, zone, status: statusOf(agent) }, MESOS_SLAVE);
  const type = agent.attributes['public_ip'] === 'true' ? 'agent (public)' : 'agent';
  return { id: agent.id, json, cells: [agent.hostname, ipOfPid(agent.pid), '', agent.id, type, statusOf(agent), region, zone] };
}

function masterRows(state: MesosState) {
  const leaderIp = state.leader_info.address.ip;
  return mesosDnsMasters(state).map((m) => {
    const leads = m.ip === leaderIp;
    const master = {
      host: 'master.mesos.',
      ip: m.ip,
      public_ips: null,
      type: leads ? 'master (leader)' : 'master (standby)',
      region: '',
      zone: '',
      ...(leads ? { id: state.id, pid: state.pid, version: state.version } : {}),
    };
    const json = project(master, MESOS_MASTER) as { id: string; type: string };
    return { id: json.id, json, cells: [master.host, m.ip, '', orNA(json.id), master.type, '', 'N/A', 'N/A'] };
  });
}

async function list(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos node list');
  const state = await getState(ctx.request);
  const summary = await getStateSummary(ctx.request);
  const byId = new Map<string, SummaryAgent>(summary.slaves.map((s) => [s.id, s]));
  const mesosId = typeof ctx.flags['mesos-id'] === 'string' ? ctx.flags['mesos-id'] : '';
  const rows = [...state.slaves.map((a) => agentRow(a, byId.get(a.id))), ...masterRows(state)].filter(
    (r) => mesosId === '' || r.id === mesosId,
  );
  if (ctx.flags['json']) return ok(goJson(rows.map((r) => r.json)));
  return ok(
    renderGoTable(
      HEADERS,
      rows.map((r) => r.cells),
    ),
  );
}

const DEPRECATED = 'Getting the list of nodes from `dcos node` is deprecated. Please use `dcos node list`.\n';

export const nodeCommands: CommandSpec[] = [
  {
    path: ['node'],
    summary: 'Display DC/OS node information',
    usage: '[--json]',
    flags: ['json'],
    runsWithSubcommands: true,
    run: (ctx) => afterNotice(DEPRECATED, () => list(ctx)),
  },
  {
    path: ['node', 'list'],
    summary: 'Show all nodes in the cluster',
    usage: '[--json] [--mesos-id=<mesos-id>]',
    flags: ['json', 'mesos-id'],
    run: list,
  },
  nodeComponentsCommand,
  nodeDnsCommand,
  ...nodeMaintenanceCommands,
];
