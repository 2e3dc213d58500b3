/**
 * dcos-log's v2 component handler over a node's journal (dcos/dcos-log `api/v2/handlers.go` journalHandler,
 * `journal/reader/{config,read,formatters}.go`): `filter=FIELD:value` (fields upper-cased; one field's values OR-ed,
 * different fields AND-ed, as journald's matches), `cursor` (journald's, or `BEG`/`END`), `skip` (forward from the
 * head or the cursor; backward from the tail or the cursor), `limit`; text, JSON lines or event-stream by `Accept`.
 */
import type { JournalEntry } from '../../engine/logs/entry.ts';
import type { NodeIdentity } from '../../engine/logs/journal.ts';
import type { ApiResponse } from '../types.ts';

const text = (status: number, body: string): ApiResponse => ({ status, body, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
/** Go's `http.Error`: the message and a newline, as text. */
export const goHttpError = (status: number, message: string): ApiResponse => text(status, `${message}\n`);

const hex = (n: number) => n.toString(16);

/** journald's cursor text: `s=;i=;b=;m=;t=;x=` (seqnum id, seqnum, boot id, monotonic, realtime, xor hash). */
export function cursorOf(e: JournalEntry, node: NodeIdentity): string {
  return `s=${node.machineId};i=${hex(e.seq)};b=${node.bootId};m=${hex(e.at * 1000)};t=${hex(e.usec)};x=${xorOf(e)}`;
}

function xorOf(e: JournalEntry): string {
  let h = 0x811c9dc5;
  const s = `${e.unit}\n${e.message}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return hex(h >>> 0);
}

/** `validateCursor`: six `key=value` parts in journald's order, hex where journald has numbers, ids of 33 chars at most. */
export function validCursor(c: string): boolean {
  const parts = c.split(';');
  const keys = ['s', 'i', 'b', 'm', 't', 'x'];
  if (parts.length !== keys.length) return false;
  return parts.every((p, i) => {
    const kv = p.split('=');
    if (kv.length !== 2 || kv[0] !== keys[i]) return false;
    return keys[i] === 's' || keys[i] === 'b' ? kv[1]!.length <= 33 : /^[0-9a-fA-F]{1,16}$/.test(kv[1]!);
  });
}

/** The journal's fields of an entry (Go marshals the map with its keys sorted). */
export function fieldsOf(e: JournalEntry, node: NodeIdentity): Record<string, string> {
  return {
    MESSAGE: e.message,
    PRIORITY: String(e.priority),
    SYSLOG_FACILITY: '3',
    SYSLOG_IDENTIFIER: e.ident,
    _BOOT_ID: node.bootId,
    _HOSTNAME: node.hostname,
    _MACHINE_ID: node.machineId,
    _PID: String(e.pid),
    _SYSTEMD_UNIT: e.unit,
    _TRANSPORT: 'stdout',
    _UID: '0',
  };
}

const goAtoi = (fn: string, s: string) => `${fn}: parsing ${JSON.stringify(s)}: invalid syntax`;

type Plan = { error: ApiResponse } | { start: number; limit: number };

/** Where journald's reader starts in `entries` and how many it reads, after the handler's options in its order. */
function plan(entries: JournalEntry[], node: NodeIdentity, query: URLSearchParams): Plan {
  const n = entries.length;
  let pos = -1; // -1 head, n tail, else on that entry
  let cursor = query.get('cursor') ?? '';
  const skipPrev = (k: number) => {
    if (k <= 0) return;
    if (cursor === '') pos = n;
    pos = Math.max(pos - k, 0);
  };
  if (cursor === 'BEG') cursor = '';
  else if (cursor === 'END') {
    cursor = '';
    skipPrev(1);
  }
  if (cursor !== '') {
    if (!validCursor(cursor)) return { error: goHttpError(500, 'unable to open journald: Incorrect cursor string') };
    const at = entries.findIndex((e) => cursorOf(e, node).split(';').slice(4).join(';') === cursor.split(';').slice(4).join(';'));
    if (at < 0) return { error: goHttpError(500, `unable to open journald: Cursor ${cursor} not found`) };
    pos = at;
  }
  let limit = 0;
  const limitStr = query.get('limit') ?? '';
  if (limitStr !== '') {
    if (!/^\d+$/.test(limitStr))
      return { error: goHttpError(400, `unable to parse limit parameter: ${goAtoi('strconv.ParseUint', limitStr)}`) };
    limit = Number(limitStr);
  }
  const skipStr = query.get('skip') ?? '';
  if (skipStr !== '') {
    if (!/^[+-]?\d+$/.test(skipStr))
      return { error: goHttpError(400, `unable to parse skip parameter: ${goAtoi('strconv.Atoi', skipStr)}`) };
    const skip = Number(skipStr);
    if (skip > 0) pos = pos >= n ? pos : Math.min(pos + skip, n - 1);
    else skipPrev(-skip);
  }
  // The first read stays on the entry the skips landed on, unless it is the cursor the client gave.
  const onEntry = pos >= 0 && pos < n;
  const start = onEntry && (cursor === '' || cursorOf(entries[pos]!, node) !== cursor) ? pos : pos + 1;
  return { start: Math.max(start, 0), limit };
}

/** Which entries the request's component and filters keep, or the 400 of a malformed filter. */
function matching(entries: JournalEntry[], node: NodeIdentity, unit: string | undefined, filters: string[]): JournalEntry[] | ApiResponse {
  const byField = new Map<string, Set<string>>();
  for (const f of filters) {
    const kv = f.split(':');
    if (kv.length !== 2) return goHttpError(400, `incorrect filter parameter format, must be ?filer=key:value. Got ${f}`);
    const field = kv[0]!.toUpperCase();
    byField.set(field, (byField.get(field) ?? new Set()).add(kv[1]!));
  }
  return entries.filter((e) => {
    if (unit !== undefined && e.unit !== unit) return false;
    if (byField.size === 0) return true;
    const fields = fieldsOf(e, node);
    for (const [field, values] of byField) if (!values.has(fields[field] ?? '\u0000')) return false;
    return true;
  });
}

export function entryJson(e: JournalEntry, node: NodeIdentity): string {
  const body = { fields: fieldsOf(e, node), cursor: cursorOf(e, node), monotonic_timestamp: e.at * 1000, realtime_timestamp: e.usec };
  return JSON.stringify(body).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

const two = (n: number) => String(n).padStart(2, '0');
/** FormatText's `2006-01-02 15:04:05: MESSAGE` (the node's clock is UTC). */
export function textLine(e: JournalEntry): string {
  const d = new Date(Math.floor(e.usec / 1_000_000) * 1000);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}: ${e.message}\n`;
}

/** The answer to `GET …/logs/v2/component[/<unit>]` on a node whose journal is `entries`. */
export function readJournal(
  entries: JournalEntry[],
  node: NodeIdentity,
  query: URLSearchParams,
  unit: string | undefined,
  accept: string,
): ApiResponse {
  const kept = matching(entries, node, unit, query.getAll('filter'));
  if (!Array.isArray(kept)) return kept;
  const p = plan(kept, node, query);
  if ('error' in p) return p.error;
  const read = kept.slice(p.start, p.limit > 0 ? p.start + p.limit : undefined);
  const headers = (type: string) => ({ 'Content-Type': type, 'Cache-Control': 'no-cache' });
  if (accept === 'text/event-stream') {
    // The stream would stay open for new entries; in-process, it answers with what there is now.
    const body = read.map((e) => `id: ${cursorOf(e, node)}\ndata: ${entryJson(e, node)}\n\n`).join('');
    return { status: 200, body, headers: headers('text/event-stream') };
  }
  if (read.length === 0) return { status: 204, body: '' };
  if (accept === 'application/json')
    return { status: 200, body: read.map((e) => `${entryJson(e, node)}\n`).join(''), headers: headers('application/json') };
  return { status: 200, body: read.map(textLine).join(''), headers: headers('text/plain') };
}
