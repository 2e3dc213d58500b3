/**
 * What-if comparison links: a whole comparison in the URL fragment as `f=1.<packed JSON>` (after `#/forks/`): the
 * cluster's scenario, the moment it is forked at, how far the variants run and each variant's writes. Opening it
 * runs the variants again; the same seed gives the same figures, so the link carries no results. Reading it trusts
 * nothing: version, size, bytes, JSON, every field and the scenario's own validation, each failure a message.
 * The writes' own shapes are checked where the fork is made (the worker's `forkScenarios`).
 */
import { packJson, unpackJson, type UnpackProblem } from '../common/packed.ts';
import { ScenarioError } from '../common/scenario/reader.ts';
import type { Scenario } from '../common/scenario/types.ts';
import { validateScenario } from '../common/scenario/validate.ts';
import type { ApiRequest } from '../api/types.ts';
import type { Variant } from '../sandbox/forks/types.ts';
import { MAX_LINK_AT_MS, MAX_LINK_CHARS, MAX_SCENARIO_BYTES } from './link.ts';

export const COMPARISON_LINK_VERSION = 1;
const PREFIX = 'f=';
/** Variants a comparison may carry besides its baseline (`MAX_VARIANTS` of the forks, less one). */
export const MAX_CHANGED_VARIANTS = 3;
/** The longest run after the fork a link may ask for (simulated ms). */
export const MAX_RUN_MS = 6 * 3600 * 1000;
export const MIN_SAMPLE_MS = 1000;

export interface ComparisonSpec {
  /** The cluster's scenario, its script up to the fork at least. */
  scenario: Scenario;
  /** The moment the variants are forked at (simulated ms). */
  at: number;
  untilMs: number;
  sampleEveryMs: number;
  /** The unchanged cluster's name, compared with every variant. */
  baseline: string;
  variants: Variant[];
}

export type DecodedComparison = { ok: true; spec: ComparisonSpec } | { ok: false; error: string };

export async function encodeComparisonLink(spec: ComparisonSpec): Promise<string> {
  const { scenario, at, untilMs, sampleEveryMs, baseline, variants } = spec;
  return `${PREFIX}${COMPARISON_LINK_VERSION}.${await packJson({ at, untilMs, sampleEveryMs, baseline, variants, scenario })}`;
}

export function isComparisonLink(text: string): boolean {
  return text.startsWith(PREFIX);
}

const UNPACK_WORDS: Record<UnpackProblem, string> = {
  base64: 'its data is not valid base64url (was it cut or changed?)',
  deflate: 'its data does not decompress (was it cut short?)',
  'too-large': `it expands to more than ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes`,
  json: 'its data is not JSON',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Why `raw` is not a variant, or null. */
function variantProblem(raw: unknown, i: number): string | null {
  if (!isObject(raw)) return `variants[${i}] is not an object`;
  if (typeof raw.name !== 'string' || raw.name.trim() === '' || raw.name.length > 80)
    return `variants[${i}].name must be 1 to 80 characters`;
  if (!Array.isArray(raw.writes) || raw.writes.length > 20) return `variants[${i}].writes must be a list of at most 20 requests`;
  for (const [j, w] of raw.writes.entries()) {
    if (!isObject(w) || typeof w.method !== 'string' || !METHODS.includes(w.method) || typeof w.path !== 'string')
      return `variants[${i}].writes[${j}] must be a request {method: POST, PUT, PATCH or DELETE, path, body?}`;
  }
  return null;
}

/** Why the fields around the scenario are wrong, or null. */
function fieldsProblem(raw: Record<string, unknown>): string | null {
  const { at, untilMs, sampleEveryMs, baseline, variants } = raw;
  const ms = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!ms(at) || at > MAX_LINK_AT_MS) return `its fork moment must be from 0 to ${MAX_LINK_AT_MS.toLocaleString('en-US')} ms`;
  if (!ms(untilMs) || untilMs <= at || untilMs - at > MAX_RUN_MS)
    return `its variants must run from the fork for up to ${MAX_RUN_MS / 3_600_000} h`;
  if (!ms(sampleEveryMs) || sampleEveryMs < MIN_SAMPLE_MS) return `its sample interval must be ${MIN_SAMPLE_MS} ms or more`;
  if (typeof baseline !== 'string' || baseline.trim() === '') return 'its baseline has no name';
  if (!Array.isArray(variants) || variants.length < 1 || variants.length > MAX_CHANGED_VARIANTS)
    return `it must carry 1 to ${MAX_CHANGED_VARIANTS} variants besides the baseline`;
  const names = new Set([baseline]);
  for (const [i, v] of variants.entries()) {
    const problem = variantProblem(v, i);
    if (problem) return problem;
    const name = (v as { name: string }).name;
    if (names.has(name)) return `variants[${i}].name '${name}' is used twice`;
    names.add(name);
  }
  return null;
}

export async function decodeComparisonLink(text: string): Promise<DecodedComparison> {
  const fail = (why: string): DecodedComparison => ({ ok: false, error: `This comparison link cannot be opened: ${why}.` });
  if (!text.startsWith(PREFIX)) return fail('it does not start with f=');
  if (text.length > MAX_LINK_CHARS) return fail(`it is longer than ${MAX_LINK_CHARS.toLocaleString('en-US')} characters`);
  const dot = text.indexOf('.');
  const version = dot < 0 ? '' : text.slice(PREFIX.length, dot);
  if (!/^[0-9]+$/.test(version)) return fail('it has no version number');
  if (Number(version) !== COMPARISON_LINK_VERSION)
    return fail(`it uses format ${version}; this page reads format ${COMPARISON_LINK_VERSION} (reload to get the latest version)`);
  const read = await unpackJson(text.slice(dot + 1), MAX_SCENARIO_BYTES);
  if (!read.ok) return fail(UNPACK_WORDS[read.problem]);
  if (!isObject(read.value)) return fail('it holds no comparison');
  const problem = fieldsProblem(read.value);
  if (problem) return fail(problem);
  let scenario: Scenario;
  try {
    scenario = validateScenario(read.value.scenario);
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`its scenario is not valid: ${e.message}`);
    throw e;
  }
  const raw = read.value as unknown as Omit<ComparisonSpec, 'scenario'>;
  const variants = raw.variants.map((v) => ({ name: v.name, writes: v.writes.map(requestOf) }));
  return {
    ok: true,
    spec: { scenario, at: raw.at, untilMs: raw.untilMs, sampleEveryMs: raw.sampleEveryMs, baseline: raw.baseline, variants },
  };
}

/** Only a request's own fields travel on: a link's extra keys are dropped, and headers only when all are text. */
function requestOf(w: ApiRequest): ApiRequest {
  const out: ApiRequest = { method: w.method, path: w.path };
  if (w.body !== undefined) out.body = w.body;
  const headers: unknown = w.headers;
  if (isObject(headers) && Object.values(headers).every((h) => typeof h === 'string')) out.headers = headers as Record<string, string>;
  return out;
}
