/**
 * Agents of a dump as scenario agents: hostname, resources (ports ranges included), attributes, public (everything
 * reserved to `slave_public`), static reservations, and MOUNT/PATH disks. `/master/state` and `/state-summary` give
 * each agent's reservations by role as sums, so they cannot tell a static reservation (the agent's `--resources`)
 * from a dynamic one (made while the cluster ran); `/master/slaves` gives every resource in full, with its
 * reservation stack, disk source and persistence, and then only the static ones become scenario reservations.
 * Identical agents named `x-1` … `x-N` become one entry with `count: N` (the scenario's own naming).
 */
import { HOSTNAME } from '../../common/scenario/validate.ts';
import { PUBLIC_ROLE } from '../../common/scenario/roles.ts';
import type { DiskSpec, PortRanges, Reservation } from '../../common/scenario/types.ts';
import { amountsText, isObject, num, objects, parsePorts, str, type Json } from './common.ts';

/** An agent as the scenario takes it (validated later, with the roles). */
export interface AgentJson {
  hostname: string;
  public: boolean;
  resources: { cpus: number; mem: number; disk: number; gpus: number; ports: PortRanges };
  attributes: Record<string, string | number>;
  reservations: Record<string, Reservation>;
  disks?: DiskSpec[];
  count: number;
}

export interface AgentsRead {
  agents: AgentJson[];
  /** Roles that static reservations name (they must be declared). */
  reservationRoles: Set<string>;
  /** Agent ids by hostname, to say which agent a framework's task ran on. */
  dropped: string[];
  notes: string[];
}

type Scalars = { cpus?: number; mem?: number; disk?: number; gpus?: number; ports?: PortRanges };
const SCALARS = ['cpus', 'mem', 'disk', 'gpus'] as const;

/** `slaves` of /master/state or /state-summary (sums) and, if given, of /master/slaves (full resources), joined by id. */
export function readAgents(summaries: readonly Json[], full: readonly Json[]): AgentsRead {
  const dropped: string[] = [];
  const notes: string[] = [];
  const fullById = new Map(full.map((s) => [str(s.id) ?? '', s]));
  const source = summaries.length > 0 ? summaries : full;
  const agents: AgentJson[] = [];
  const reservationRoles = new Set<string>();
  const seen = new Set<string>();
  let guessed = false;
  for (const slave of source) {
    const raw = str(slave.hostname) ?? '';
    const hostname = raw.toLowerCase();
    const name = `agent ${raw || str(slave.id) || '(no hostname)'}`;
    if (!HOSTNAME.test(hostname)) {
      dropped.push(
        `${name}: its hostname is not a DNS name the sandbox takes (lowercase letters, digits, - and .); the agent is not imported`,
      );
      continue;
    }
    if (seen.has(hostname)) {
      dropped.push(`${name}: a second agent with the same hostname (id ${str(slave.id) ?? '?'}); only the first is imported`);
      continue;
    }
    seen.add(hostname);
    const res = isObject(slave.resources) ? slave.resources : {};
    const ports = parsePorts(res.ports);
    if (ports === null) dropped.push(`${name}: ports ${JSON.stringify(res.ports)} are not Mesos ranges; the agent gets none`);
    const reserved = isObject(slave.reserved_resources) ? slave.reserved_resources : {};
    const isPublic = PUBLIC_ROLE in reserved;
    const agent: AgentJson = {
      hostname,
      public: isPublic,
      resources: { cpus: num(res.cpus), mem: num(res.mem), disk: num(res.disk), gpus: Math.round(num(res.gpus)), ports: ports ?? [] },
      attributes: attributesOf(slave, name, isPublic, dropped),
      reservations: {},
      count: 1,
    };
    if (slave.deactivated === true || isObject(slave.drain_info))
      dropped.push(`${name}: it was ${isObject(slave.drain_info) ? 'draining' : 'deactivated'}; it is imported as an active agent`);
    const detail = fullById.get(str(slave.id) ?? '') ?? (isObject(slave.reserved_resources_full) ? slave : undefined);
    if (detail) readFull(agent, detail, name, isPublic, reservationRoles, dropped);
    else {
      for (const [role, amounts] of Object.entries(reserved)) {
        if (role === PUBLIC_ROLE || !isObject(amounts)) continue;
        if (isPublic) {
          dropped.push(
            `${name}: reserved to '${role}' (${amountsText(scalarsOf(amounts))}); a public agent reserves everything to '${PUBLIC_ROLE}' in the sandbox`,
          );
          continue;
        }
        guessed = true;
        agent.reservations[role] = scalarsOf(amounts);
        reservationRoles.add(role);
      }
    }
    agents.push(agent);
  }
  if (guessed)
    notes.push(
      'Reservations are read from /master/state as static ones (the agents’ --resources): it does not tell them from dynamic ones. Add /mesos/master/slaves to the dump to keep only the static ones.',
    );
  return { agents: groupByCount(agents), reservationRoles, dropped, notes };
}

function attributesOf(slave: Json, name: string, isPublic: boolean, dropped: string[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(isObject(slave.attributes) ? slave.attributes : {})) {
    if (key === 'public_ip') {
      if (!isPublic) dropped.push(`${name}: attribute public_ip: the sandbox sets it on public agents only`);
      continue;
    }
    if (key === 'hostname') {
      dropped.push(`${name}: attribute hostname: the sandbox sets it from the agent's hostname`);
      continue;
    }
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else dropped.push(`${name}: attribute ${key}: ${JSON.stringify(value)} is neither text nor a number`);
  }
  return out;
}

const scalarsOf = (r: Json): Scalars => {
  const out: Scalars = {};
  for (const k of SCALARS) if (num(r[k]) > 0) out[k] = k === 'gpus' ? Math.round(num(r[k])) : num(r[k]);
  const ports = parsePorts(r.ports);
  if (ports && ports.length > 0) out.ports = ports;
  return out;
};

/** Static reservations, disks and what is dropped (dynamic reservations, persistent volumes) from the full resources. */
function readFull(agent: AgentJson, slave: Json, name: string, isPublic: boolean, roles: Set<string>, dropped: string[]): void {
  const byRole = isObject(slave.reserved_resources_full) ? slave.reserved_resources_full : {};
  const all = [...objects(slave.unreserved_resources_full), ...Object.values(byRole).flatMap((rs) => objects(rs))];
  const disks: DiskSpec[] = [];
  for (const r of all) {
    const source = isObject(r.disk) && isObject(r.disk.source) ? r.disk.source : undefined;
    const type = str(source?.type);
    if (r.name !== 'disk' || (type !== 'MOUNT' && type !== 'PATH')) continue;
    const at = isObject(source?.mount) ? source.mount : isObject(source?.path) ? source.path : {};
    const root = str(at.root);
    const size = Math.floor(num(isObject(r.scalar) ? r.scalar.value : 0));
    if (root === undefined || !root.startsWith('/') || size < 1 || disks.some((d) => d.root === root))
      dropped.push(
        `${name}: ${type} disk ${JSON.stringify(root ?? null)} of ${size} MB: the sandbox needs an absolute root used once and at least 1 MB`,
      );
    else disks.push({ type, root, size });
  }
  if (disks.length > 0) {
    agent.disks = disks;
    agent.resources.disk = Math.max(0, agent.resources.disk - disks.reduce((n, d) => n + d.size, 0));
  }
  for (const [role, resources] of Object.entries(byRole)) {
    if (role === PUBLIC_ROLE && isPublic) continue;
    const statics: Scalars = {};
    const dynamic = new Map<string, Scalars>();
    for (const r of objects(resources)) {
      const stack = objects(r.reservations);
      const last = stack.at(-1);
      const isDynamic = last ? last.type === 'DYNAMIC' : isObject(r.reservation);
      const persistence = isObject(r.disk) && isObject(r.disk.persistence) ? r.disk.persistence : undefined;
      if (persistence) {
        const path = isObject(r.disk) && isObject(r.disk.volume) ? str(r.disk.volume.container_path) : undefined;
        dropped.push(
          `${name}: persistent volume ${str(persistence.id) ?? '?'} (${num(isObject(r.scalar) ? r.scalar.value : 0)} MB for role '${role}'${path ? `, at ${path}` : ''}): ${madeBy(last ?? r.reservation)}`,
        );
        continue;
      }
      if (isObject(r.disk) && isObject(r.disk.source)) continue; // a MOUNT/PATH disk: counted as a disk above
      const into = isDynamic ? (dynamic.get(madeBy(last ?? r.reservation)) ?? {}) : statics;
      addResource(into, r);
      if (isDynamic) dynamic.set(madeBy(last ?? r.reservation), into);
    }
    for (const [why, amounts] of dynamic) dropped.push(`${name}: dynamic reservation to '${role}' (${amountsText(amounts)}): ${why}`);
    if (Object.keys(statics).length === 0) continue;
    if (isPublic)
      dropped.push(
        `${name}: reserved to '${role}' (${amountsText(statics)}); a public agent reserves everything to '${PUBLIC_ROLE}' in the sandbox`,
      );
    else {
      agent.reservations[role] = statics;
      roles.add(role);
    }
  }
}

function addResource(into: Scalars, r: Json): void {
  const key = str(r.name);
  if (key === 'ports' && isObject(r.ranges))
    into.ports = [...(into.ports ?? []), ...objects(r.ranges.range).map((x) => [num(x.begin), num(x.end)] as [number, number])];
  else if (key === 'cpus' || key === 'mem' || key === 'disk' || key === 'gpus')
    into[key] = (into[key] ?? 0) + num(isObject(r.scalar) ? r.scalar.value : 0);
}

/** Who made a dynamic reservation, by its labels: Marathon's resident tasks, an SDK service, or an operator. */
function madeBy(reservation: unknown): string {
  const labels = isObject(reservation) && isObject(reservation.labels) ? objects(reservation.labels.labels) : [];
  const keys = labels.map((l) => str(l.key) ?? '');
  const principal = isObject(reservation) ? str(reservation.principal) : undefined;
  if (keys.some((k) => k.startsWith('marathon_')))
    return 'made by Marathon for a resident app; it makes it again when the app launches in the sandbox';
  if (keys.includes('resource_id'))
    return 'made by an SDK service (a catalog package); the package makes its own when it is installed in the sandbox';
  return `made while the cluster ran${principal ? ` by ${principal}` : ''}; the scenario holds static reservations only (make it again with the operator API, docs/storage.md)`;
}

/** Agents named `x-1` … `x-N` (N ≥ 2), alike in everything else, as one `x` with `count: N`. */
function groupByCount(agents: AgentJson[]): AgentJson[] {
  const key = (a: AgentJson) => JSON.stringify({ ...a, hostname: '' });
  const bases = new Map<string, AgentJson[]>();
  for (const a of agents) {
    const m = /^(.+)-([1-9]\d*)$/.exec(a.hostname);
    if (m) bases.set(m[1]!, [...(bases.get(m[1]!) ?? []), a]);
  }
  const taken = new Map<AgentJson, AgentJson | null>();
  const names = new Set(agents.map((a) => a.hostname));
  for (const [base, members] of bases) {
    if (members.length < 2 || names.has(base)) continue;
    const numbers = members.map((a) => Number(a.hostname.slice(base.length + 1))).sort((x, y) => x - y);
    const alike = members.every((a) => key(a) === key(members[0]!));
    if (!alike || numbers.some((n, i) => n !== i + 1)) continue;
    members.forEach((a, i) => taken.set(a, i === 0 ? { ...members[0]!, hostname: base, count: members.length } : null));
  }
  return agents.flatMap((a) => {
    const t = taken.get(a);
    return t === undefined ? [a] : t === null ? [] : [t];
  });
}
