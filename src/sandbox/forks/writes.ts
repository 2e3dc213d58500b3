/**
 * A variant's writes, checked before anything runs: each must be an API write the sandbox keeps in a script, and
 * the writes a what-if is made of (weights, quota, an app's definition, agents, faults) must have their body's shape.
 * The cluster still answers each at the fork (runVariant reports its answer); this catches what can never work.
 */
import type { ApiRequest } from '../../api/types.ts';
import { FAULT_KINDS } from '../../engine/faults/faults.ts';
import { bodyText, isAction } from '../script.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON body as an object, or the text it was sent as, parsed. */
function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function weightsProblem(body: unknown): string | null {
  const list = parsed(body);
  if (!Array.isArray(list) || list.length === 0) return 'needs a body [{"role": "a", "weight": 2}]';
  for (const [i, item] of list.entries()) {
    if (!isObject(item) || typeof item.role !== 'string' || item.role === '') return `body[${i}] needs a "role"`;
    if (typeof item.weight !== 'number' || !(item.weight > 0)) return `body[${i}].weight must be a number above 0`;
  }
  return null;
}

function quotaProblem(body: unknown): string | null {
  const q = parsed(body);
  if (!isObject(q) || typeof q.role !== 'string' || q.role === '') return 'needs a body {"role", "guarantee": [...]}';
  if (!Array.isArray(q.guarantee)) return 'needs "guarantee": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 4}}]';
  return null;
}

function appProblem(path: string, body: unknown): string | null {
  const app = parsed(body);
  if (!isObject(app)) return 'needs an app definition as its body (a JSON object)';
  const id = path.replace(/^\/marathon\/v2\/apps/, '').replace(/\?.*$/, '');
  if (typeof app.id === 'string' && `/${app.id.replace(/^\/+/, '')}` !== id) return `body.id ${app.id} is not the app of the path (${id})`;
  if (app.instances !== undefined && !(Number.isInteger(app.instances) && (app.instances as number) >= 0))
    return 'body.instances must be a whole number, 0 or more';
  if (app.constraints !== undefined && !(Array.isArray(app.constraints) && app.constraints.every(Array.isArray)))
    return 'body.constraints must be a list of [field, operator, value?] lists';
  return null;
}

function faultProblem(body: unknown): string | null {
  const f = parsed(body);
  if (!isObject(f)) return 'needs a body {"kind", "target"}';
  if (typeof f.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(f.kind))
    return `unknown fault kind '${String(f.kind)}' (expected one of: ${FAULT_KINDS.join(', ')})`;
  if (f.kind !== 'heal' && f.kind !== 'partition' && (typeof f.target !== 'string' || f.target === ''))
    return `fault '${f.kind}' needs a target`;
  return null;
}

/** Why `write` cannot be a variant's change, or null when it can. */
export function writeProblem(write: unknown): string | null {
  if (!isObject(write)) return 'must be a request {method, path, body?}';
  const req = write as unknown as ApiRequest;
  if (typeof req.path !== 'string' || !req.path.startsWith('/')) return 'path must be a string starting with /';
  if (!isAction(req)) return `${String(req.method)} ${req.path} is not a write (only POST, PUT, PATCH and DELETE that change the cluster)`;
  if (bodyText(req.body) === null) return 'its body cannot be written as JSON';
  const path = req.path.replace(/\?.*$/, '');
  const what = `${req.method} ${path}`;
  let problem: string | null = null;
  if (path === '/mesos/weights')
    problem = req.method === 'DELETE' || req.method === 'PATCH' ? 'takes PUT or POST' : weightsProblem(req.body);
  else if (path === '/mesos/quota')
    problem = req.method === 'POST' ? quotaProblem(req.body) : 'takes POST (Mesos legacy quota), or use POST /mesos/api/v1 UPDATE_QUOTA';
  else if (/^\/marathon\/v2\/apps\/.+/.test(path) && (req.method === 'PUT' || req.method === 'PATCH')) problem = appProblem(path, req.body);
  else if (path === '/sandbox/v1/agents')
    problem =
      req.method === 'POST'
        ? req.body === undefined || isObject(parsed(req.body))
          ? null
          : 'takes an agent as a JSON object, or no body'
        : 'takes POST (install an agent)';
  else if (/^\/sandbox\/v1\/agents\/[^/]+$/.test(path)) problem = req.method === 'DELETE' ? null : 'takes DELETE (decommission the agent)';
  else if (path === '/sandbox/v1/faults') problem = req.method === 'POST' ? faultProblem(req.body) : 'takes POST';
  return problem === null ? null : `${what} ${problem}`;
}
