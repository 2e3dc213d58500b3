/**
 * Cosmos' versioned media types and how it checks a request's `Content-Type` and picks the response version
 * from `Accept` (docs/catalog-sources-cosmos.md §2). A request without either header is the sandbox's leniency:
 * it is read as the v1 request type and answered in the newest response version (Cosmos itself answers 400
 * `not_present`).
 */
import type { CosmosMediaTypes, CosmosOp } from '../shapes/cosmos.ts';
import type { ApiRequest } from '../types.ts';

export const ERROR_MEDIA_TYPE = 'application/vnd.dcos.package.error+json;charset=utf-8;version=v1';

export function mediaType(name: string, version: string, family: MediaFamily = 'package'): string {
  return `application/vnd.dcos.${family}.${name}+json;charset=utf-8;version=${version}`;
}

/** `/package/*` ops speak `vnd.dcos.package.*`, `/cosmos/service/*` ones `vnd.dcos.service.*`. */
type MediaFamily = 'package' | 'service';

interface OpMedia {
  family?: MediaFamily;
  request: string;
  response: string;
  /** Response versions in the order Cosmos lists them (the first is the default). */
  versions: readonly string[];
}

export const OP_MEDIA: { [op in CosmosOp]: OpMedia & { versions: readonly CosmosMediaTypes[op]['versions'][] } } = {
  search: { request: 'search-request', response: 'search-response', versions: ['v1'] },
  describe: { request: 'describe-request', response: 'describe-response', versions: ['v3', 'v2'] },
  'list-versions': { request: 'list-versions-request', response: 'list-versions-response', versions: ['v1'] },
  render: { request: 'render-request', response: 'render-response', versions: ['v1'] },
  install: { request: 'install-request', response: 'install-response', versions: ['v2', 'v1'] },
  uninstall: { request: 'uninstall-request', response: 'uninstall-response', versions: ['v1'] },
  list: { request: 'list-request', response: 'list-response', versions: ['v1'] },
  'repository/list': { request: 'repository.list-request', response: 'repository.list-response', versions: ['v1'] },
  'repository/add': { request: 'repository.add-request', response: 'repository.add-response', versions: ['v1'] },
  'repository/delete': { request: 'repository.delete-request', response: 'repository.delete-response', versions: ['v1'] },
  'service/describe': { family: 'service', request: 'describe-request', response: 'describe-response', versions: ['v1'] },
  'service/update': { family: 'service', request: 'update-request', response: 'update-response', versions: ['v1'] },
};

/** The op's response media type in `version`. */
export const responseMediaType = (op: CosmosOp, version: string) => mediaType(OP_MEDIA[op].response, version, OP_MEDIA[op].family);

/** The value of request header `name`, matched without regard to case. */
export function headerOf(req: ApiRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers ?? {})) if (key.toLowerCase() === want) return value;
  return undefined;
}

interface Parsed {
  type: string;
  subType: string;
  /** Parameters other than `q`, in the order written. */
  params: [string, string][];
  q: number;
  /** As Cosmos shows it: type/subtype then every parameter (q too) in the order written. */
  shown: string;
}

function parse(text: string): Parsed | null {
  const [full = '', ...rest] = text.split(';').map((s) => s.trim());
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full);
  if (!m) return null;
  const params: [string, string][] = [];
  let q = 1;
  const shownParams: string[] = [];
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq <= 0) return null;
    const key = p.slice(0, eq).trim().toLowerCase();
    const value = p.slice(eq + 1).trim();
    shownParams.push(`;${key}=${value}`);
    if (key === 'q') q = Number(value);
    else params.push([key, value]);
  }
  if (!Number.isFinite(q)) q = 1;
  const type = m[1]!.toLowerCase();
  const subType = m[2]!.toLowerCase();
  return { type, subType, params, q, shown: `${type}/${subType}${shownParams.join('')}` };
}

/** Cosmos' MediaType.compatible: same type and subtype, and every parameter of `expected` (but q) in `actual`. */
function compatible(expected: Parsed, actual: Parsed): boolean {
  if (expected.type !== actual.type || expected.subType !== actual.subType) return false;
  return expected.params.every(([k, v]) => actual.params.some(([k2, v2]) => k2 === k && v2 === v));
}

function sameType(a: Parsed, b: Parsed): boolean {
  return compatible(a, b) && a.params.length === b.params.length;
}

export type Negotiated = { ok: true; version: string } | { ok: false; error: { type: string; message: string } };

/** The response version for `Accept` (Cosmos' CompoundMediaType.getMostAppropriateMediaType). */
export function negotiate(op: CosmosOp, accept: string | undefined): Negotiated {
  const media = OP_MEDIA[op];
  const versions: readonly string[] = media.versions;
  if (accept === undefined) return { ok: true, version: versions[0]! };
  const available = versions.map((v) => parse(mediaType(media.response, v, media.family))!);
  const requested = accept
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parse)
    .filter((p): p is Parsed => p !== null);
  const ranked = requested
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.q !== 0)
    .sort(
      (a, b) =>
        b.p.q - a.p.q || cmp(a.p.type, b.p.type) || cmp(a.p.subType, b.p.subType) || b.p.params.length - a.p.params.length || a.i - b.i,
    )
    .map(({ p }) => p);
  const best = ranked.find((p) => available.some((a) => compatible(p, a)));
  const exact = best && available.findIndex((a) => sameType(best, a));
  if (exact !== undefined && exact >= 0) return { ok: true, version: versions[exact]! };
  const shownRequested = requested.map((p) => p.shown).join(', ');
  const shownAvailable = available.map((a) => a.shown).join(', ');
  return {
    ok: false,
    error: {
      type: 'not_valid',
      message: `Item header 'Accept' deemed invalid by rule: Media type was [${shownRequested}] but should be one of [${shownAvailable}]`,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** null when `Content-Type` is absent or compatible with the op's request type; else Cosmos' finch error. */
export function contentTypeProblem(op: CosmosOp, contentType: string | undefined): { type: string; message: string } | null {
  if (contentType === undefined) return null;
  const expected = mediaType(OP_MEDIA[op].request, 'v1', OP_MEDIA[op].family);
  const actual = parse(contentType);
  if (actual && compatible(parse(expected)!, actual)) return null;
  return { type: 'not_valid', message: `Item header 'Content-Type' deemed invalid by rule: should match one of ${expected}` };
}
