/**
 * DC/OS diagnostics (dcos-diagnostics, formerly 3DT) behind Admin Router, `/system/health/v1`:
 *
 * - `GET /units` → `{units: [{id, name, health, description}]}`, a unit unhealthy when it is on any node;
 * - `GET /units/<unit>` → one such unit; `GET /units/<unit>/nodes` → `{nodes: [{host_ip, health, role}]}`;
 * - `GET /units/<unit>/nodes/<ip>` → `{host_ip, health, role, output, help}`;
 * - `GET /nodes` → `{nodes: [{host_ip, health, role}]}`, role `master`, `agent` or `agent_public`;
 * - `GET /nodes/<ip>` → one such node; `GET /nodes/<ip>/units` → `{units: [{id, name, health, description}]}`;
 * - `GET /nodes/<ip>/units/<unit>` → `{id, name, health, description, output, help}`.
 *
 * Health is 0 (healthy) or 1 (unhealthy). The aggregator runs on every master and needs no Mesos
 * leader; with every master down nothing answers (503). The sandbox reports every node's actual
 * state, also across a partition (the real aggregator would lose touch with a cut-off node).
 */
import type { ClusterState } from '../../engine/core/model.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { methodNotAllowed } from '../http.ts';
import type {
  HealthNode as HealthNodeJson,
  HealthNodeList,
  HealthNodeOfUnit,
  HealthUnit,
  HealthUnitList,
  HealthUnitOnNode,
  UnitHealth,
} from '../shapes/system.ts';
import { healthNodes, nodeHealth, UNIT_IDS, type HealthNode, type NodeUnit } from './units.ts';

/** A 200 answer; the body names its shape (`json<HealthUnitList>(…)`) so that tsc checks it. */
const json = <Body>(body: Body): ApiResponse => ({ status: 200, body });
const notFound = (what: string): ApiResponse => ({ status: 404, body: { error: what } });

const unitJson = (u: NodeUnit): HealthUnit => ({ id: u.id, name: u.name, health: u.health, description: u.description });
const nodeJson = (n: HealthNode, health: UnitHealth = nodeHealth(n)): HealthNodeJson => ({ host_ip: n.ip, health, role: n.role });

/** `segments` follow `/system/health/v1`. */
export function systemHealth(state: ClusterState, req: ApiRequest, segments: string[]): ApiResponse {
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  if (!state.masters.some((m) => m.up)) return { status: 503, body: { error: 'No master is up to answer for dcos-diagnostics' } };
  const nodes = healthNodes(state);
  const [kind, key, sub, subKey, ...more] = segments;
  if (more.length > 0) return notFound(`Unknown path /system/health/v1/${segments.join('/')}`);
  if (kind === 'units') return units(nodes, key, sub, subKey);
  if (kind === 'nodes') return nodesRoute(nodes, key, sub, subKey);
  return notFound(`Unknown path /system/health/v1/${segments.join('/')}`);
}

function units(nodes: HealthNode[], id: string | undefined, sub: string | undefined, ip: string | undefined): ApiResponse {
  if (id === undefined) return json<HealthUnitList>({ units: UNIT_IDS.flatMap((u) => aggregate(nodes, u) ?? []) });
  const unit = aggregate(nodes, id);
  if (!unit) return notFound(`Unit ${id} not found`);
  if (sub === undefined) return json<HealthUnit>(unit);
  if (sub !== 'nodes') return notFound(`Unknown path under unit ${id}`);
  const running = nodes.flatMap((n) => {
    const u = n.units.find((x) => x.id === id);
    return u ? [{ node: n, unit: u }] : [];
  });
  if (ip === undefined) return json<HealthNodeList>({ nodes: running.map(({ node, unit: u }) => nodeJson(node, u.health)) });
  const one = running.find(({ node }) => node.ip === ip);
  if (!one) return notFound(`Node ${ip} not found for unit ${id}`);
  return json<HealthNodeOfUnit>({ ...nodeJson(one.node, one.unit.health), output: one.unit.output, help: '' });
}

/** A unit across the nodes that run it: unhealthy when it is unhealthy on any of them. */
function aggregate(nodes: HealthNode[], id: string): HealthUnit | null {
  const found = nodes.flatMap((n) => n.units.filter((u) => u.id === id));
  if (found.length === 0) return null;
  const health: UnitHealth = found.some((u) => u.health === 1) ? 1 : 0;
  return { ...unitJson(found[0]!), health };
}

function nodesRoute(nodes: HealthNode[], ip: string | undefined, sub: string | undefined, unitId: string | undefined): ApiResponse {
  if (ip === undefined) return json<HealthNodeList>({ nodes: nodes.map((n) => nodeJson(n)) });
  const node = nodes.find((n) => n.ip === ip);
  if (!node) return notFound(`Node ${ip} not found`);
  if (sub === undefined) return json<HealthNodeJson>(nodeJson(node));
  if (sub !== 'units') return notFound(`Unknown path under node ${ip}`);
  if (unitId === undefined) return json<HealthUnitList>({ units: node.units.map(unitJson) });
  const unit = node.units.find((u) => u.id === unitId);
  if (!unit) return notFound(`Unit ${unitId} not found on node ${ip}`);
  return json<HealthUnitOnNode>({ ...unitJson(unit), output: unit.output, help: '' });
}
