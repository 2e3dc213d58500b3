/**
 * A variant's changes as the What-if page builds them: a form per kind of change (a role's weight or quota, an
 * app's instances or a constraint, an agent added or removed, a fault), each the API write it makes at the fork
 * and its name in words. Anything else is a raw write. The cluster answers each write at the fork; the form only
 * catches what can never be sent.
 */
import type { ApiRequest } from '../../../api/types.ts';

export type Change =
  | { kind: 'weight'; role: string; weight: number }
  | { kind: 'quota'; role: string; cpus: number; memMb: number }
  | { kind: 'instances'; app: string; instances: number }
  /** `current`: the app's constraints at the fork; the new one is added to them. */
  | { kind: 'constraint'; app: string; field: string; operator: string; value: string; current: string[][] }
  | { kind: 'add-agent'; public: boolean }
  | { kind: 'remove-agent'; agent: string }
  | { kind: 'fault'; fault: 'agent-crash' | 'master-crash'; target: string }
  /** `headers`: kept from a linked write (Cosmos' versioned media types); the form sets none. */
  | { kind: 'write'; method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body: string; headers?: Record<string, string> };

export type ChangeKind = Change['kind'];

/** A variant being set up in the page. */
export interface Draft {
  /** The typed name; empty: named from the changes. */
  name: string;
  changes: Change[];
}

/** The variant a draft asks for: its name, and the write of each change (a change that cannot be written is left out: the form refuses those). */
export function variantOf(draft: Draft): { name: string; writes: ApiRequest[] } {
  const made = draft.changes.filter((c) => typeof writeOf(c) !== 'string');
  return { name: draft.name.trim() || variantName(made), writes: made.map((c) => writeOf(c) as ApiRequest) };
}

/** A linked variant as a draft: its writes as raw writes, its name kept. */
export function draftOf(variant: { name: string; writes: readonly ApiRequest[] }): Draft {
  const changes: Change[] = variant.writes.map((w) => ({
    kind: 'write',
    method: w.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: w.path,
    // The body as JSON text, a string body too: the write sends the same value back.
    body: w.body === undefined ? '' : JSON.stringify(w.body),
    ...(w.headers ? { headers: { ...w.headers } } : {}),
  }));
  return { name: variant.name, changes };
}

export const CHANGE_KINDS: ReadonlyArray<{ kind: ChangeKind; label: string }> = [
  { kind: 'weight', label: "A role's weight" },
  { kind: 'quota', label: "A role's quota" },
  { kind: 'instances', label: "An app's instances" },
  { kind: 'constraint', label: 'A placement constraint on an app' },
  { kind: 'add-agent', label: 'An agent added' },
  { kind: 'remove-agent', label: 'An agent removed' },
  { kind: 'fault', label: 'A fault injected' },
  { kind: 'write', label: 'Any API write' },
];

/** Marathon's constraint operators (`Constraint.Operator`). */
export const OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS', 'IN'] as const;
const NO_VALUE = new Set(['UNIQUE']);

const scalar = (name: string, value: number) => ({ name, type: 'SCALAR', scalar: { value } });
const appPath = (app: string) => `/marathon/v2/apps/${app.replace(/^\/+/, '')}`;

/** The write a change makes at the fork, or why it cannot be made. */
export function writeOf(change: Change): ApiRequest | string {
  switch (change.kind) {
    case 'weight':
      if (!change.role) return 'Choose a role.';
      if (!(change.weight > 0)) return 'A weight is a number above 0.';
      return { method: 'PUT', path: '/mesos/weights', body: [{ role: change.role, weight: change.weight }] };
    case 'quota':
      if (!change.role) return 'Choose a role.';
      if (!(change.cpus >= 0 && change.memMb >= 0) || change.cpus + change.memMb === 0) return 'A quota guarantees some CPUs or memory.';
      return {
        method: 'POST',
        path: '/mesos/quota',
        body: { role: change.role, guarantee: [scalar('cpus', change.cpus), scalar('mem', change.memMb)] },
      };
    case 'instances':
      if (!change.app) return 'Choose an app.';
      if (!(Number.isInteger(change.instances) && change.instances >= 0)) return 'Instances is a whole number, 0 or more.';
      return { method: 'PATCH', path: appPath(change.app), body: { instances: change.instances } };
    case 'constraint': {
      if (!change.app) return 'Choose an app.';
      if (change.field.trim() === '') return 'A constraint needs a field (hostname, or an agent attribute).';
      const value = change.value.trim();
      if (!NO_VALUE.has(change.operator) && value === '') return `${change.operator} needs a value.`;
      const constraint = value === '' ? [change.field.trim(), change.operator] : [change.field.trim(), change.operator, value];
      return { method: 'PATCH', path: appPath(change.app), body: { constraints: [...change.current, constraint] } };
    }
    case 'add-agent':
      return { method: 'POST', path: '/sandbox/v1/agents', body: { public: change.public } };
    case 'remove-agent':
      return change.agent ? { method: 'DELETE', path: `/sandbox/v1/agents/${encodeURIComponent(change.agent)}` } : 'Choose an agent.';
    case 'fault':
      return change.target
        ? { method: 'POST', path: '/sandbox/v1/faults', body: { kind: change.fault, target: change.target } }
        : 'Choose a node.';
    case 'write': {
      if (!change.path.startsWith('/')) return 'A path starts with /, as behind Admin Router (/marathon/v2/apps/…).';
      const request: ApiRequest = { method: change.method, path: change.path };
      if (change.headers) request.headers = { ...change.headers };
      if (change.body.trim() === '') return request;
      try {
        return { ...request, body: JSON.parse(change.body) as unknown };
      } catch (e) {
        return `The body is not JSON: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  }
}

/** The change in a few words, for a variant's default name: "weight 3 on analytics". */
export function changeWords(change: Change): string {
  switch (change.kind) {
    case 'weight':
      return `weight ${change.weight} on ${change.role}`;
    case 'quota':
      return `quota ${change.cpus} CPUs, ${change.memMb} MiB on ${change.role}`;
    case 'instances':
      return `${change.app} at ${change.instances}`;
    case 'constraint':
      return `${change.app} ${[change.field.trim(), change.operator, change.value.trim()].filter(Boolean).join(':')}`;
    case 'add-agent':
      return change.public ? 'a public agent more' : 'an agent more';
    case 'remove-agent':
      return `${change.agent} removed`;
    case 'fault':
      return `${change.target} crashed`;
    case 'write':
      return `${change.method} ${change.path}`;
  }
}

/** A variant's name from its changes: "weight 3 on analytics and /prod/api at 5". */
export function variantName(changes: readonly Change[]): string {
  if (changes.length === 0) return 'no change';
  const words = changes.map(changeWords);
  const name = words.length <= 2 ? words.join(' and ') : `${words[0]} and ${words.length - 1} more changes`;
  return name.length > 80 ? `${name.slice(0, 79)}…` : name;
}
