/**
 * dcos-log's v1 API over a node's journal (dcos/dcos-log `api/v1/{routes,handlers}.go`, `journal/reader/{config,
 * read,formatters}.go`): `range/`, `stream/`, their `framework/{fid}/executor/{eid}/container/{cid}` twins (matches on
 * the journald container logger's fields) and `fields/{field}`. Options act on journald's read position in the order
 * the handler passes them (match, cursor, limit, skip_next, skip_prev, read_reverse); errors are v1's `httpError`.
 */
import type { ClusterState } from '../../engine/core/model.ts';
import type { JournalEntry, NodeRef } from '../../engine/logs/entry.ts';
import { nodeIdentity, nodeJournal, type NodeIdentity } from '../../engine/logs/journal.ts';
import { headerOf } from '../iam/identity.ts';
import type { RoutedRequest } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import { cursorOf, entryJson, fieldsOf, goHttpError, textLine, validCursor } from './journal-read.ts';

/** `AllowedFields`: the journald container logger's fields. */
const ALLOWED_FIELDS = ['FRAMEWORK_ID', 'AGENT_ID', 'EXECUTOR_ID', 'CONTAINER_ID', 'STREAM'];

type Failure = { status: number; message: string };
type Match = { field: string; value: string };

interface Params {
  matches: Match[];
  cursor: string;
  limit: number;
  skipNext: number;
  skipPrev: number;
  reverse: boolean;
}

const goQuote = (s: string) => JSON.stringify(s);

/** `strconv.ParseUint(s, 10, 64)`, or its error text. */
function parseUint(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  if (BigInt(s) > 0xffff_ffff_ffff_ffffn) return `strconv.ParseUint: parsing ${goQuote(s)}: value out of range`;
  return Number(s);
}

const BOOLS: Record<string, boolean> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true };
for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) BOOLS[f] = false;

/** `url.QueryUnescape`, or its error text. */
function queryUnescape(s: string): string | { error: string } {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      if (!/^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) return { error: `invalid URL escape ${goQuote(s.slice(i, i + 3))}` };
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(c === '+' ? ' ' : c));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The handler's reading of its parameters, in its order, or the 400 it answers. */
function readParams(query: URLSearchParams, stream: boolean, lastEventId: string, pathMatches: Match[]): Params | Failure {
  const bad = (message: string): Failure => ({ status: 400, message });
  const matches = [...pathMatches];
  for (const f of query.getAll('filter')) {
    const kv = f.split(':');
    if (kv.length !== 2) return bad(`Incorrect filter parameter format, must be ?filer=key:value. Got ${f}`);
    matches.push({ field: kv[0]!.toUpperCase(), value: kv[1]! });
  }
  let cursor = query.get('cursor') ?? '';
  if (cursor !== '') {
    const unescaped = queryUnescape(cursor);
    if (typeof unescaped !== 'string') return bad(`Unable to unescape cursor parameter: ${unescaped.error}`);
    cursor = unescaped;
  }
  let limit = 0;
  const limitStr = query.get('limit') ?? '';
  if (limitStr !== '') {
    const n = parseUint(limitStr);
    if (typeof n === 'string') return bad(`Error parsing paramter \`limit\`: ${n}`);
    if (stream && n > 0) return bad('Unable to stream events with `limit` parameter');
    limit = n;
  }
  const skips = [0, 0];
  for (const [i, name] of ['skip_next', 'skip_prev'].entries()) {
    const s = query.get(name) ?? '';
    if (s === '') continue;
    const n = parseUint(s);
    if (typeof n === 'string') return bad(`Error parsing parameter ${name}: ${n}`);
    skips[i] = n;
  }
  let reverse = false;
  const reverseStr = query.get('read_reverse') ?? '';
  if (reverseStr !== '') {
    if (stream) return bad('Unable to stream events with `read_reverse` parameter');
    const b = BOOLS[reverseStr];
    if (b === undefined) return bad(`strconv.ParseBool: parsing ${goQuote(reverseStr)}: invalid syntax`);
    reverse = b;
  }
  // A reconnecting event source resumes at its last event, without skipping again.
  if (stream && lastEventId !== '') return { matches, cursor: lastEventId, limit, skipNext: 0, skipPrev: 0, reverse };
  return { matches, cursor, limit, skipNext: skips[0]!, skipPrev: skips[1]!, reverse };
}

/** journald refuses a match whose field is not `[A-Z0-9_]+` or starts with `__`; dcos-log ignores the refusal (inferred). */
const validMatch = (m: Match) => /^[A-Z0-9_]+$/.test(m.field) && !m.field.startsWith('__');

/** journald's matches: one field's values OR-ed, different fields AND-ed. */
function matching(entries: JournalEntry[], node: NodeIdentity, matches: Match[]): JournalEntry[] {
  const byField = new Map<string, Set<string>>();
  for (const m of matches.filter(validMatch)) byField.set(m.field, (byField.get(m.field) ?? new Set()).add(m.value));
  if (byField.size === 0) return entries;
  return entries.filter((e) => {
    const fields = fieldsOf(e, node);
    for (const [field, values] of byField) if (!values.has(fields[field] ?? '\u0000')) return false;
    return true;
  });
}

const cursorPart = (c: string, key: string) =>
  c
    .split(';')
    .find((p) => p.startsWith(`${key}=`))
    ?.slice(2) ?? '';

/** The sandbox derives seqnums on read, so an entry is known by its realtime and xor hash (as v2 does). */
const isEntry = (e: JournalEntry, node: NodeIdentity, c: string) => {
  const mine = cursorOf(e, node);
  return cursorPart(mine, 't') === cursorPart(c, 't') && cursorPart(mine, 'x') === cursorPart(c, 'x');
};

type Read = { entries: JournalEntry[]; skippedNext: number; skippedPrev: number };

/**
 * `OptionSeekCursor`: the position of the first kept entry at or after the cursor's entry (`all` is the journal
 * before the matches), or the reader's error. An entry no longer kept is placed by its timestamps (inferred).
 */
function seekCursor(all: JournalEntry[], kept: JournalEntry[], node: NodeIdentity, c: string): number | string {
  if (!validCursor(c)) return 'Incorrect cursor string';
  // sd_journal_seek_cursor parses `s=` and `b=` as 128-bit ids (inferred: EINVAL, 22).
  if (!/^[0-9a-fA-F]{32}$/.test(cursorPart(c, 's')) || !/^[0-9a-fA-F]{32}$/.test(cursorPart(c, 'b')))
    return `failed to seek to cursor ${goQuote(c)}: 22`;
  const entry = all.find((e) => isEntry(e, node, c));
  const [m, t] = [parseInt(cursorPart(c, 'm'), 16), parseInt(cursorPart(c, 't'), 16)];
  const at = entry
    ? kept.findIndex((e) => e.seq >= entry.seq)
    : kept.findIndex((e) => e.at * 1000 > m || (e.at * 1000 === m && e.usec > t));
  // Nothing at or after it: sd_journal_test_cursor finds no current entry (EADDRNOTAVAIL, 99).
  return at >= 0 ? at : `Cursor ${c} not found: failed to test to cursor ${goQuote(c)}: 99`;
}

/** What journald's reader reads with these options, or the error `NewReader` returns. */
function readEntries(all: JournalEntry[], kept: JournalEntry[], node: NodeIdentity, p: Params): Read | string {
  const n = kept.length;
  let pos = -1; // -1 the head, n the tail, else on that entry
  if (p.cursor !== '') {
    const at = seekCursor(all, kept, node, p.cursor);
    if (typeof at === 'string') return at;
    pos = at;
  }
  let skippedNext = 0;
  let skippedPrev = 0;
  if (p.skipNext > 0) {
    skippedNext = Math.min(p.skipNext, Math.max(n - 1 - pos, 0));
    pos += skippedNext;
  }
  if (p.skipPrev > 0) {
    if (p.cursor === '') pos = n;
    skippedPrev = Math.min(p.skipPrev, Math.max(pos, 0));
    pos -= skippedPrev;
  }
  // The first read stays on the entry the position is on, unless it is the cursor given; from the head a step either
  // way lands on the oldest entry (inferred from sd-journal's LOCATION_HEAD).
  const onEntry = pos >= 0 && pos < n && (p.cursor === '' || !isEntry(kept[pos]!, node, p.cursor));
  const first = onEntry ? pos : pos === -1 ? 0 : pos + (p.reverse ? -1 : 1);
  const entries: JournalEntry[] = [];
  for (let i = first; i >= 0 && i < n && (p.limit === 0 || entries.length < p.limit); i += p.reverse ? -1 : 1) entries.push(kept[i]!);
  return { entries, skippedNext, skippedPrev };
}

/** `NewEntryFormatter(Accept, stream)`: its content type and one entry's bytes. */
function formatter(accept: string, stream: boolean, node: NodeIdentity): { type: string; format: (e: JournalEntry) => string } {
  if (accept === 'application/json') return { type: 'application/json', format: (e) => `${entryJson(e, node)}\n` };
  if (accept === 'text/event-stream') {
    const id = (e: JournalEntry) => (stream ? `id: ${cursorOf(e, node)}\n` : '');
    return { type: 'text/event-stream', format: (e) => `${id(e)}data: ${entryJson(e, node)}\n\n` };
  }
  return { type: 'text/plain', format: textLine };
}

interface Ctx {
  routed: RoutedRequest;
  accept: string;
}

/**
 * v1's `httpError`: the message with a debug string. dcos-log listens on a unix socket behind Admin Router, so the
 * remote address is Go's `@` and the protocol nginx's HTTP/1.1 (inferred); the request URI is the path after `logs`.
 * Go sends no body with a 204.
 */
function httpError(c: Ctx, status: number, message: string, headers: Record<string, string> = {}): ApiResponse {
  if (status === 204) return { status, body: '', headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } };
  const path = c.routed.req.path;
  const uri = path.slice(path.indexOf('/logs/') + '/logs'.length);
  const res = goHttpError(status, `Message: ${message} [request URI: ${uri}; remote address: @; Accept: ${c.accept}; Proto: HTTP/1.1]`);
  return Object.keys(headers).length === 0 ? res : { ...res, headers: { ...headers, ...res.headers } };
}

function journalHandler(entries: JournalEntry[], node: NodeIdentity, c: Ctx, stream: boolean, pathMatches: Match[]): ApiResponse {
  const p = readParams(c.routed.query, stream, headerOf(c.routed.req, 'Last-Event-ID') ?? '', pathMatches);
  if ('status' in p) return httpError(c, p.status, p.message);
  const read = readEntries(entries, matching(entries, node, p.matches), node, p);
  if (typeof read === 'string') return httpError(c, 500, `Error opening journal reader: ${read}`);
  const f = formatter(c.accept, stream, node);
  const headers = {
    'Content-Type': f.type,
    'X-Journal-Skip-Next': String(read.skippedNext),
    'X-Journal-Skip-Prev': String(read.skippedPrev),
    'Cache-Control': 'no-cache',
    'Access-Control-Allow-Origin': '*',
  };
  let body = read.entries.map(f.format).join('');
  // An event-stream reader that finds nothing on its first read sends a keep-alive comment.
  if (body === '' && f.type === 'text/event-stream') body = ': ping\n\n';
  if (body === '' && !stream) return httpError(c, 204, 'No match found', headers);
  // A stream would stay open for new entries; in-process, it answers with what there is now.
  return { status: 200, body, headers };
}

function fieldHandler(entries: JournalEntry[], node: NodeIdentity, c: Ctx, field: string): ApiResponse {
  if (!ALLOWED_FIELDS.includes(field)) return httpError(c, 400, `${field} is not an allowed field`);
  const values = [...new Set(entries.map((e) => fieldsOf(e, node)[field]).filter((v) => v !== undefined))];
  if (values.length === 0) return httpError(c, 204, `Field ${field} not found`);
  return { status: 200, body: JSON.stringify(values), headers: { 'Content-Type': 'application/json' } };
}

/** `v1/…` on one node (`rest` is the path after `v1`), routed as gorilla mux does: exact paths, trailing slashes kept. */
export function nodeLogsV1(state: ClusterState, node: NodeRef, rest: string[], routed: RoutedRequest): ApiResponse {
  const slash = routed.req.path.split('?')[0]!.endsWith('/');
  const c: Ctx = { routed, accept: headerOf(routed.req, 'Accept') ?? '' };
  const journal = () => nodeJournal(state, node);
  const [kind, ...tail] = rest;
  if (kind === 'fields' && tail.length === 1 && !slash) return fieldHandler(journal(), nodeIdentity(state, node), c, tail[0]!);
  const noRoute = goHttpError(404, '404 page not found');
  if ((kind !== 'range' && kind !== 'stream') || routed.req.method !== 'GET') return noRoute;
  const stream = kind === 'stream';
  if (tail.length === 0 && slash) return journalHandler(journal(), nodeIdentity(state, node), c, stream, []);
  const [fw, fid, ex, eid, co, cid, ...more] = tail;
  if (fw !== 'framework' || ex !== 'executor' || co !== 'container' || more.length > 0 || cid === undefined || slash) return noRoute;
  const pathMatches = [
    { field: 'CONTAINER_ID', value: cid },
    { field: 'FRAMEWORK_ID', value: fid! },
    { field: 'EXECUTOR_ID', value: eid! },
  ];
  return journalHandler(journal(), nodeIdentity(state, node), c, stream, pathMatches);
}
