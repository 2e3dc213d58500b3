/**
 * The operator endpoints `POST /master/reserve`, `/unreserve`, `/create-volumes`, `/destroy-volumes` (form-encoded:
 * `slaveId=<id>&resources=<JSON array>`, or `volumes=`) and the v1 calls RESERVE_RESOURCES, UNRESERVE_RESOURCES,
 * CREATE_VOLUMES, DESTROY_VOLUMES. Mesos' checks in its order (docs/storage-sources-mesos.md §3.1, §3.3; MS:src/master/
 * http.cpp:766-1071, 1832-1987, 4059-4246): 405 for another method, 400 for an undecodable body, a missing or
 * unparsable field, an unknown agent, a format or a semantic problem; 409 when the resources are not there; 202.
 *
 * The in-process body is the form as text (what curl -d sends). A parsed object of strings is taken as the form
 * already decoded: the same fields, each value the field's text.
 */
import type { SimContext } from '../../engine/core/events.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import { badRequest } from '../http.ts';
import { stoutParse, jsonKind, type StoutJson } from './picojson.ts';
import { parseMessage, RESERVATION_CALL, RESOURCE, type PbMessage } from './proto-json.ts';
import { resourceOf, validateAndUpgrade, type MesosResourceIn } from './resource-model.ts';
import { runOperation, type OperationKind } from './reservation-ops.ts';

/** The v0 endpoint paths (after `master/`) and what they do. */
export const RESERVATION_ENDPOINTS: Readonly<Record<string, OperationKind>> = {
  reserve: 'RESERVE',
  unreserve: 'UNRESERVE',
  'create-volumes': 'CREATE',
  'destroy-volumes': 'DESTROY',
};

/** process::http::decode: `+` is a space, `%XX` a byte; a bad escape is an error. */
function decodeComponent(s: string): string | { error: string } {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '%') {
      for (const b of new TextEncoder().encode(c === '+' ? ' ' : c)) bytes.push(b);
      continue;
    }
    const hex = s.slice(i + 1, i + 3);
    if (i + 2 >= s.length || !/^[0-9a-fA-F]{2}$/.test(hex)) return { error: `Malformed % escape in '${s}': '${s.slice(i, i + 3)}'` };
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** process::http::query::decode: `;` or `&` separate pairs, the last of a repeated key wins. */
export function decodeForm(body: string): Map<string, string> | { error: string } {
  const out = new Map<string, string>();
  for (const token of body.split(/[;&]/)) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    const key = decodeComponent(eq < 0 ? token : token.slice(0, eq));
    if (typeof key !== 'string') return key;
    const value = eq < 0 ? '' : decodeComponent(token.slice(eq + 1));
    if (typeof value !== 'string') return value;
    out.set(key, value);
  }
  return out;
}

function formOf(body: unknown): Map<string, string> | { error: string } {
  if (body === undefined || body === null) return new Map();
  if (typeof body === 'string') return decodeForm(body);
  if (typeof body === 'object' && !Array.isArray(body) && Object.values(body).every((v) => typeof v === 'string'))
    return new Map(Object.entries(body as Record<string, string>));
  return { error: 'the request body is not a query string (send the form as text: slaveId=…&resources=…)' };
}

/** A JSON array of Resource in a form field, or the 400 text (`/reserve` says "Error parsing", the others "Error in parsing"). */
function resourcesField(form: Map<string, string>, key: string, kind: OperationKind): MesosResourceIn[] | string {
  const text = form.get(key);
  if (text === undefined) return `Missing '${key}' query parameter in the request body`;
  const prefix = `Error ${kind === 'RESERVE' ? '' : 'in '}parsing '${key}' query parameter in the request body: `;
  const parsed = stoutParse(text);
  if (!parsed.ok) return prefix + parsed.error;
  if (jsonKind(parsed.value) !== 'array') return `${prefix}Unexpected JSON type parsed`;
  const out: MesosResourceIn[] = [];
  for (const item of parsed.value as StoutJson[]) {
    const message = parseMessage(RESOURCE, item);
    if (!message.ok) return prefix + message.error;
    out.push(resourceOf(message.message));
  }
  return out;
}

/** One of the four v0 endpoints. */
export function reservationEndpoint(ctx: SimContext, state: ClusterState, kind: OperationKind, req: ApiRequest): ApiResponse {
  // libprocess' MethodNotAllowed: its own body text and an Allow header (process/http.hpp:767-795).
  if (req.method !== 'POST')
    return {
      status: 405,
      body: `405 Method Not Allowed. Expecting one of { 'POST' }, but received '${req.method}'.`,
      headers: { Allow: 'POST' },
    };
  const form = formOf(req.body);
  if (!(form instanceof Map)) return badRequest(`Unable to decode query string: ${form.error}`);
  const agentId = form.get('slaveId');
  if (agentId === undefined) return badRequest("Missing 'slaveId' query parameter in the request body");
  const key = kind === 'CREATE' || kind === 'DESTROY' ? 'volumes' : 'resources';
  const resources = resourcesField(form, key, kind);
  if (typeof resources === 'string') return badRequest(resources);
  let source: MesosResourceIn[] = [];
  if (kind === 'RESERVE' && form.has('source')) {
    const parsed = resourcesField(form, 'source', kind);
    if (typeof parsed === 'string') return badRequest(parsed);
    source = parsed;
  }
  return runOperation(ctx, state, { kind, agentId, resources, source });
}

export const RESERVATION_CALLS = ['RESERVE_RESOURCES', 'UNRESERVE_RESOURCES', 'CREATE_VOLUMES', 'DESTROY_VOLUMES'] as const;
const CALL_KINDS: Record<(typeof RESERVATION_CALLS)[number], OperationKind> = {
  RESERVE_RESOURCES: 'RESERVE',
  UNRESERVE_RESOURCES: 'UNRESERVE',
  CREATE_VOLUMES: 'CREATE',
  DESTROY_VOLUMES: 'DESTROY',
};

/** Plain JSON (as the in-process body arrives) in stout's terms. */
function toStout(v: unknown): StoutJson {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(toStout);
  const out = Object.create(null) as { [key: string]: StoutJson };
  if (typeof v === 'object') for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = toStout(x);
  return out;
}

/** A v1 reservation call (`body.type` is one of RESERVATION_CALLS). */
export function reservationCall(
  ctx: SimContext,
  state: ClusterState,
  type: (typeof RESERVATION_CALLS)[number],
  body: unknown,
): ApiResponse {
  const parsed = parseMessage(RESERVATION_CALL, toStout(body));
  if (!parsed.ok) return badRequest(`Failed to convert JSON into Call protobuf: ${parsed.error}`);
  const field = type.toLowerCase();
  const params = parsed.message[field] as PbMessage | undefined;
  if (!params) return badRequest(`Failed to validate master::Call: Expecting '${field}' to be present`);
  const kind = CALL_KINDS[type];
  const list = (key: string): MesosResourceIn[] => ((params[key] ?? []) as PbMessage[]).map(resourceOf);
  const resources = list(kind === 'CREATE' || kind === 'DESTROY' ? 'volumes' : 'resources');
  if (kind === 'RESERVE' || kind === 'UNRESERVE') {
    const format = validateAndUpgrade(resources);
    if (typeof format === 'string') return badRequest(`Failed to validate master::Call: ${format}`);
  }
  const agentId = (params['agent_id'] as PbMessage)['value'] as string;
  return runOperation(ctx, state, { kind, agentId, resources, source: kind === 'RESERVE' ? list('source') : [] });
}
