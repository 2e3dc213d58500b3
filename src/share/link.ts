/**
 * Scenario links: the whole scenario (cluster, seed, script of actions) in the URL fragment as
 * `#s=4.<base64url of deflate-raw compressed JSON>` (versions 1 to 3 still open). Decoding trusts nothing: the version, the
 * size before and after inflating, the bytes, the JSON and finally the scenario's own validation
 * are checked, and every failure is a message for the user, never an exception or a partial load.
 * A link only ever yields plain data for `validateScenario`; nothing in it is run or rendered as HTML.
 */
import { deflate, fromBase64Url, inflate, toBase64Url } from '../common/packed.ts';
import { ScenarioError } from '../common/scenario/reader.ts';
import { validateScenario } from '../common/scenario/validate.ts';
import type { Scenario } from '../common/scenario/types.ts';

/**
 * 4: agents may carry `disks` (MOUNT and PATH), scripts call the Mesos reservation endpoints and Cosmos and carry
 * request headers; 3: scenarios may carry
 * `metronome` (jobs) and scripts call `/service/metronome`; 2: scenarios carry `cluster.overlay`. Older links hold
 * scenarios from before, read the same (overlay on, no jobs, no extra disks).
 */
export const LINK_VERSION = 4;
const OLDEST_LINK_VERSION = 1;
/** A typical tutorial scenario fits in this many characters of URL. */
export const LINK_BUDGET_CHARS = 2048;
/** Longer fragments are refused before any work (browsers and chat apps cut long URLs anyway). */
export const MAX_LINK_CHARS = 100_000;
/** Inflating stops here: a small link must not expand into a huge one (a "zip bomb"). */
export const MAX_SCENARIO_BYTES = 2_000_000;

const PREFIX = 's=';

/** Opening a link replays its scenario up to the moment it was shared, at most this far (simulated ms). */
export const MAX_LINK_AT_MS = 6 * 3600 * 1000;

/** The longest page route a link carries (`/services/detail/%2Fprod%2Fweb`); a longer one is left out. */
export const MAX_VIEW_CHARS = 500;

/** `view`: the page the link was shared from (a route such as `/services`), or null. */
export type DecodedLink = { ok: true; scenario: Scenario; at: number; view: string | null } | { ok: false; error: string };

/**
 * `s=1.<data>`: what goes after `#` in the URL. `at`: the simulated ms the cluster had reached;
 * `view`: the page it was shared from (a route, `/services/detail/%2Fweb`), opened with it.
 */
export async function encodeScenarioLink(scenario: Scenario, at = 0, view: string | null = null): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(view === null ? { at, scenario } : { at, scenario, view }));
  const packed = await deflate(json);
  return `${PREFIX}${LINK_VERSION}.${toBase64Url(packed)}`;
}

/** Does this fragment (with or without `#`) carry a scenario at all? */
export function isScenarioLink(fragment: string): boolean {
  return fragment.replace(/^#/, '').startsWith(PREFIX);
}

export async function decodeScenarioLink(fragment: string): Promise<DecodedLink> {
  const fail = (error: string): DecodedLink => ({ ok: false, error });
  const text = fragment.replace(/^#/, '');
  if (!text.startsWith(PREFIX)) return fail('This link does not contain a scenario.');
  if (text.length > MAX_LINK_CHARS)
    return fail(
      `This link is too long to be a scenario (${text.length.toLocaleString('en-US')} characters, at most ${MAX_LINK_CHARS.toLocaleString('en-US')}).`,
    );
  const dot = text.indexOf('.');
  const version = dot < 0 ? '' : text.slice(PREFIX.length, dot);
  if (!/^[0-9]+$/.test(version)) return fail('This link is damaged: it has no version number.');
  if (Number(version) > LINK_VERSION)
    return fail(
      `This link was made by a newer version of the sandbox (format ${version}); this page reads format ${LINK_VERSION}. Reload to get the latest version.`,
    );
  if (Number(version) < OLDEST_LINK_VERSION) return fail(`This link uses format ${version}, which this sandbox does not read.`);
  const bytes = fromBase64Url(text.slice(dot + 1));
  if (!bytes || bytes.length === 0) return fail('This link is damaged: its data is not valid base64url (was it cut or changed?).');
  let json: Uint8Array | null;
  try {
    json = await inflate(bytes, MAX_SCENARIO_BYTES);
  } catch {
    return fail('This link is damaged: its data does not decompress (was it cut short?).');
  }
  if (!json)
    return fail(
      `This link expands to more than ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes; it is not a scenario this sandbox opens.`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as unknown;
  } catch {
    return fail('This link is damaged: its data is not JSON.');
  }
  if (typeof raw !== 'object' || raw === null || !('scenario' in raw)) return fail('This link is damaged: it holds no scenario.');
  const { at = 0, scenario, view } = raw as { at?: unknown; scenario: unknown; view?: unknown };
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > MAX_LINK_AT_MS) {
    return fail(`This link's time is not valid (it must be from 0 to ${MAX_LINK_AT_MS.toLocaleString('en-US')} ms of simulated time).`);
  }
  try {
    return { ok: true, scenario: validateScenario(scenario), at, view: viewOf(view) };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(`This link's scenario is not valid: ${e.message}`);
    throw e;
  }
}

/** A page route from a link, or null: the page is a convenience, so a strange one is left out, not refused. */
function viewOf(view: unknown): string | null {
  if (typeof view !== 'string' || view.length > MAX_VIEW_CHARS || !view.startsWith('/')) return null;
  return /^[A-Za-z0-9\-._~%/!$&'()*+,;=:@?]*$/.test(view) ? view : null; // a URL fragment's own characters
}
