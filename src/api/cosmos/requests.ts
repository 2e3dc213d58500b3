/**
 * Reading a Cosmos request: the headers (media types) and the body as circe decodes the request case class
 * (rpc/v1/model/*Request.scala): unknown fields ignored, `null` for an optional field = absent. Failures are
 * finch's (`not_present`, `not_parsed`, `not_valid`), several at once `multiple_errors`, all 400 (Cosmos.scala's
 * error filter, RequestErrorsSpec).
 */
import type { CosmosErrorJson, CosmosOp } from '../shapes/cosmos.ts';
import type { ApiRequest } from '../types.ts';
import { contentTypeProblem, headerOf, negotiate } from './media.ts';

type Kind = 'String' | 'Boolean' | 'Int' | 'JsonObject';
type Field = [name: string, kind: Kind, required: boolean];

const PACKAGE_VERSION_APP: Field[] = [
  ['packageName', 'String', true],
  ['packageVersion', 'String', false],
  ['options', 'JsonObject', false],
  ['appId', 'String', false],
];

const FIELDS: Record<CosmosOp, Field[]> = {
  search: [['query', 'String', false]],
  describe: [
    ['packageName', 'String', true],
    ['packageVersion', 'String', false],
  ],
  'list-versions': [
    ['packageName', 'String', true],
    ['includePackageVersions', 'Boolean', true],
  ],
  render: PACKAGE_VERSION_APP,
  install: [...PACKAGE_VERSION_APP, ['managerId', 'String', false]],
  uninstall: [
    ['packageName', 'String', true],
    ['appId', 'String', false],
    ['all', 'Boolean', false],
    ['managerId', 'String', false],
    ['packageVersion', 'String', false],
  ],
  list: [
    ['packageName', 'String', false],
    ['appId', 'String', false],
  ],
  'repository/list': [],
  'repository/add': [
    ['name', 'String', true],
    ['uri', 'String', true],
    ['index', 'Int', false],
  ],
  'repository/delete': [
    ['name', 'String', false],
    ['uri', 'String', false],
  ],
  'service/describe': [
    ['appId', 'String', true],
    ['managerId', 'String', false],
    ['packageName', 'String', false],
    ['packageVersion', 'String', false],
  ],
  'service/update': [
    ['appId', 'String', true],
    ['packageVersion', 'String', false],
    ['options', 'JsonObject', false],
    ['replace', 'Boolean', true],
    ['managerId', 'String', false],
    ['packageName', 'String', false],
    ['currentPackageVersion', 'String', false],
  ],
};

function fits(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'String':
      return typeof v === 'string';
    case 'Boolean':
      return typeof v === 'boolean';
    case 'Int':
      return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2147483647;
    case 'JsonObject':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

const notParsed = (reason: string): CosmosErrorJson => ({ type: 'not_parsed', message: `Item 'body' unable to be parsed: ${reason}` });

/** The body's fields for `op` (absent optional ones left out), or finch's error. */
function decodeBody(op: CosmosOp, raw: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; error: CosmosErrorJson } {
  let body = raw;
  if (body === undefined || body === '')
    return { ok: false, error: { type: 'not_present', message: 'Item body not present but required' } };
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch (e) {
      return { ok: false, error: notParsed(e instanceof Error ? e.message : String(e)) };
    }
  }
  const obj = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const value: Record<string, unknown> = {};
  for (const [name, kind, required] of FIELDS[op]) {
    const v = obj?.[name];
    if (v === undefined || (v === null && !required)) {
      if (required) return { ok: false, error: notParsed(`Attempt to decode value on failed cursor: DownField(${name})`) };
      continue;
    }
    if (!fits(kind, v)) return { ok: false, error: notParsed(`${kind}: DownField(${name})`) };
    value[name] = v;
  }
  if (!obj && FIELDS[op].length === 0 && !(typeof body === 'object' && body !== null)) return { ok: false, error: notParsed('JsonObject') };
  return { ok: true, value };
}

export type ReadRequest = { ok: true; version: string; body: Record<string, unknown> } | { ok: false; error: CosmosErrorJson };

/** The response version and the decoded body, or the error body Cosmos answers (status 400). */
export function readRequest(op: CosmosOp, req: ApiRequest): ReadRequest {
  const errors: CosmosErrorJson[] = [];
  const accept = negotiate(op, headerOf(req, 'Accept'));
  if (!accept.ok) errors.push(accept.error);
  const contentType = contentTypeProblem(op, headerOf(req, 'Content-Type'));
  if (contentType) errors.push(contentType);
  const body = decodeBody(op, req.body);
  if (!body.ok) errors.push(body.error);
  if (errors.length === 1) return { ok: false, error: errors[0]! };
  if (errors.length > 1)
    return { ok: false, error: { type: 'multiple_errors', message: 'Multiple errors while processing request', data: { errors } } };
  return { ok: true, version: accept.ok ? accept.version : 'v1', body: body.ok ? body.value : {} };
}
