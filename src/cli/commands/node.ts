/**
 * `dcos node`: the agents and the masters of the cluster: the leader from Mesos' state, the
 * other running masters (standby) from the sandbox's `sandbox_masters`, where the real CLI asks
 * Mesos-DNS (`master.mesos`, masters in the ZooKeeper election; a master that is down is not there).
 */
import { CliError, json4, ok } from '../format.ts';
import { renderTable } from '../table.ts';
import type { CommandSpec } from '../types.ts';
import type { MesosAgent, MesosState } from '../../api/shapes/mesos.ts';
import { faultDomain, getState, ipOfPid } from './mesos.ts';
import { nodeComponentsCommand } from './node-components.ts';
import { nodeMaintenanceCommands } from './node-maintenance.ts';

interface NodeRow {
  hostname: string;
  ip: string;
  id: string;
  type: string;
  region: string;
  zone: string;
  json: unknown;
}

function nodes(state: MesosState): NodeRow[] {
  const agents = state.slaves.map((s: MesosAgent): NodeRow => {
    const [region, zone] = faultDomain(s);
    const isPublic = s.attributes['public_ip'] === 'true';
    return {
      hostname: s.hostname,
      ip: ipOfPid(s.pid),
      id: s.id,
      type: isPublic ? 'agent (public)' : 'agent',
      region,
      zone,
      json: { ...s, type: 'agent' },
    };
  });
  const ip = state.leader_info.address.ip;
  // The sandbox's masters have no fault domain.
  const [region, zone] = ['N/A', 'N/A'];
  const leader: NodeRow = {
    hostname: state.hostname,
    ip,
    id: state.id,
    type: 'master (leader)',
    region,
    zone,
    json: { host: state.hostname, ip, id: state.id, pid: state.pid, type: 'master (leader)', region, zone },
  };
  const standbys = state.sandbox_masters
    .filter((m) => m.hostname !== state.hostname && (m.state === 'standby' || m.state === 'recovering'))
    .map((m): NodeRow => {
      const type = 'master (standby)';
      return { hostname: m.hostname, ip: m.ip, id: 'N/A', type, region, zone: 'N/A', json: { host: m.hostname, ip: m.ip, type, region } };
    });
  return [...agents, leader, ...standbys];
}

const list = async (ctx: Parameters<CommandSpec['run']>[0]) => {
  const rows = nodes(await getState(ctx.request));
  const mesosId = ctx.flags['mesos-id'];
  const shown = typeof mesosId === 'string' ? rows.filter((n) => n.id === mesosId) : rows;
  if (ctx.flags['json']) return ok(json4(shown.map((n) => n.json)));
  return ok(
    renderTable(
      ['HOSTNAME', 'IP', 'ID', 'TYPE', 'REGION', 'ZONE'],
      shown.map((n) => [n.hostname, n.ip, n.id, n.type, n.region, n.zone]),
    ),
  );
};

export const nodeCommands: CommandSpec[] = [
  { path: ['node'], summary: 'Show all nodes in the cluster', usage: '[--json] [--mesos-id=<id>]', flags: ['json', 'mesos-id'], run: list },
  {
    path: ['node', 'list'],
    summary: 'Show all nodes in the cluster',
    usage: '[--json] [--mesos-id=<id>]',
    flags: ['json', 'mesos-id'],
    run: list,
  },
  {
    path: ['node', 'describe'],
    summary: 'Show the details of one node (by Mesos id or hostname)',
    usage: '<mesos-id|hostname>',
    args: ['node'],
    run: async (ctx) => {
      const key = ctx.args[0];
      if (!key) throw new CliError('Error: missing argument <mesos-id|hostname>\nUsage: dcos node describe <mesos-id|hostname>');
      const state = await getState(ctx.request);
      const agent = state.slaves.find((s) => s.id === key || s.hostname === key);
      if (agent) return ok(json4(agent));
      const master = nodes(state).find((n) => n.type.startsWith('master') && (n.id === key || n.hostname === key));
      if (master) return ok(json4(master.json));
      throw new CliError(`Error: agent '${key}' not found`);
    },
  },
  nodeComponentsCommand,
  ...nodeMaintenanceCommands,
];
