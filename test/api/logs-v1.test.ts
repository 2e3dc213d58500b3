/**
 * dcos-log's v1 API (src/api/logs/journal-read-v1.ts): ranges with limit, skip_next, skip_prev and read_reverse,
 * filters, cursors, the X-Journal-Skip-* headers, streams with Last-Event-ID, the container routes, the fields route,
 * and v1's httpError texts.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { cluster } from '../cli/support.ts';

type Entry = { fields: Record<string, string>; cursor: string; realtime_timestamp: number; monotonic_timestamp: number };

const V1 = '/system/v1/logs/v1';
const get = (sb: Sandbox, path: string, accept = 'application/json', more: Record<string, string> = {}) =>
  sb.request({ method: 'GET', path, headers: { Accept: accept, ...more } });
const parse = (body: unknown): Entry[] =>
  String(body)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry);
const range = (sb: Sandbox, q: string): Entry[] => parse(get(sb, `${V1}/range/${q}`).body);
const skips = (sb: Sandbox, q: string) => {
  const h = get(sb, `${V1}/range/${q}`).headers ?? {};
  return [h['X-Journal-Skip-Next'], h['X-Journal-Skip-Prev']];
};
/** v1's httpError answer for a request sent with `Accept: application/json`. */
const v1Error = (status: number, message: string, uri: string) => ({
  status,
  body: `Message: ${message} [request URI: ${uri}; remote address: @; Accept: application/json; Proto: HTTP/1.1]\n`,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
});

async function withHello(): Promise<Sandbox> {
  const sb = await cluster();
  sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000', instances: 2, cpus: 0.5, mem: 64 } });
  sb.advance(30_000);
  return sb;
}

describe('v1 range', () => {
  it('reads the whole journal, the first N, skips forward and back, and reports what it skipped', async () => {
    const sb = await withHello();
    const all = range(sb, '');
    const n = all.length;
    expect(n).toBeGreaterThan(12);
    expect(all).toEqual(parse(get(sb, '/system/v1/logs/v2/component').body));
    expect(range(sb, '?limit=3')).toEqual(all.slice(0, 3));
    expect(range(sb, '?limit=0')).toEqual(all);
    // Skipping forward from the head lands on the Nth entry, which is read first.
    expect(range(sb, '?skip_next=2&limit=2')).toEqual(all.slice(1, 3));
    expect(skips(sb, '?skip_next=2&limit=2')).toEqual(['2', '0']);
    expect(range(sb, '?skip_next=100000')).toEqual(all.slice(-1));
    expect(skips(sb, '?skip_next=100000')).toEqual([String(n), '0']);
    // Skipping back without a cursor starts at the tail.
    expect(range(sb, '?skip_prev=3')).toEqual(all.slice(-3));
    expect(skips(sb, '?skip_prev=3')).toEqual(['0', '3']);
    expect(range(sb, '?skip_prev=100000')).toEqual(all);
    expect(skips(sb, '?skip_prev=100000')).toEqual(['0', String(n)]);
    // skip_prev after skip_next seeks the tail again, the forward count still reported.
    expect(range(sb, '?skip_next=2&skip_prev=1')).toEqual(all.slice(-1));
    expect(skips(sb, '?skip_next=2&skip_prev=1')).toEqual(['2', '1']);
    const res = get(sb, `${V1}/range/?limit=1`);
    expect(res.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Journal-Skip-Next': '0',
      'X-Journal-Skip-Prev': '0',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
    });
  });

  it('reads after a cursor, around it with skips, and in reverse', async () => {
    const sb = await withHello();
    const all = range(sb, '');
    const c = encodeURIComponent(all[5]!.cursor);
    expect(range(sb, `?cursor=${c}&limit=2`)).toEqual(all.slice(6, 8));
    // The cursor parameter is unescaped once more, so a cursor escaped twice reads the same.
    expect(range(sb, `?cursor=${encodeURIComponent(c)}&limit=2`)).toEqual(all.slice(6, 8));
    expect(range(sb, `?cursor=${c}&skip_next=1&limit=1`)).toEqual(all.slice(6, 7));
    expect(range(sb, `?cursor=${c}&skip_prev=2&limit=3`)).toEqual(all.slice(3, 6));
    expect(skips(sb, `?cursor=${c}&skip_prev=2&limit=3`)).toEqual(['0', '2']);
    expect(skips(sb, `?cursor=${c}&skip_prev=100`)).toEqual(['0', '5']);
    // Round trip: the last entry read is the cursor of the next page.
    const page = range(sb, '?limit=4');
    expect(range(sb, `?cursor=${encodeURIComponent(page.at(-1)!.cursor)}&limit=4`)).toEqual(all.slice(4, 8));
    expect(range(sb, `?cursor=${c}&read_reverse=true&limit=2`)).toEqual([all[4], all[3]]);
    expect(range(sb, '?skip_prev=3&read_reverse=1')).toEqual(all.slice(0, -2).reverse());
    expect(range(sb, '?skip_prev=3&read_reverse=true&limit=2')).toEqual([all.at(-3), all.at(-4)]);
    expect(range(sb, '?read_reverse=false&limit=2')).toEqual(all.slice(0, 2));
    // From the head a step back lands on the oldest entry, and there is nothing before it.
    expect(range(sb, '?read_reverse=true')).toEqual(all.slice(0, 1));
    // A cursor of an entry the journal no longer has reads from the entry after its place, that entry included.
    const dropped = all[5]!.cursor.replace(/;x=[0-9a-f]+$/, ';x=0');
    const later = (e: Entry) =>
      e.monotonic_timestamp > all[5]!.monotonic_timestamp ||
      (e.monotonic_timestamp === all[5]!.monotonic_timestamp && e.realtime_timestamp > all[5]!.realtime_timestamp);
    expect(range(sb, `?cursor=${encodeURIComponent(dropped)}&limit=1`)).toEqual([all.find(later)]);
    const last = encodeURIComponent(all.at(-1)!.cursor);
    expect(get(sb, `${V1}/range/?cursor=${last}`).status).toBe(204);
  });

  it('filters as journald matches: values of one field OR-ed, fields AND-ed', async () => {
    const sb = await withHello();
    const all = range(sb, '');
    const marathon = all.filter((e) => e.fields['SYSLOG_IDENTIFIER'] === 'marathon');
    expect(marathon.length).toBeGreaterThan(0);
    expect(marathon.length).toBeLessThan(all.length);
    expect(range(sb, '?filter=syslog_identifier:marathon')).toEqual(marathon);
    expect(range(sb, '?filter=SYSLOG_IDENTIFIER:marathon&filter=SYSLOG_IDENTIFIER:mesos-master')).toEqual(all);
    const pid = marathon[0]!.fields['_PID']!;
    expect(range(sb, `?filter=SYSLOG_IDENTIFIER:marathon&filter=_PID:${pid}`)).toEqual(marathon);
    expect(range(sb, `?filter=SYSLOG_IDENTIFIER:mesos-master&filter=_PID:${pid}`)).toEqual([]);
    expect(range(sb, '?filter=syslog_identifier:marathon&skip_prev=1')).toEqual(marathon.slice(-1));
    // journald refuses a match on a malformed field name, and dcos-log does not check: nothing is filtered.
    expect(range(sb, '?filter=no-such:x')).toEqual(all);
    // A cursor whose entry the filters leave out reads from the next entry they keep.
    const k = all.indexOf(marathon[0]!);
    const next = all.slice(k).find((e) => e.fields['SYSLOG_IDENTIFIER'] === 'mesos-master');
    expect(next).toBeDefined();
    const q = `?filter=SYSLOG_IDENTIFIER:mesos-master&cursor=${encodeURIComponent(marathon[0]!.cursor)}&limit=1`;
    expect(range(sb, q)).toEqual([next]);
  });

  it('answers no match with 204 and no body (Go sends none with a 204), and an empty event range with a ping', async () => {
    const sb = await withHello();
    expect(get(sb, `${V1}/range/?filter=_PID:1`)).toEqual({
      status: 204,
      body: '',
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Journal-Skip-Next': '0',
        'X-Journal-Skip-Prev': '0',
        'Cache-Control': 'no-cache',
        'Access-Control-Allow-Origin': '*',
      },
    });
    const sse = get(sb, `${V1}/range/?filter=_PID:1`, 'text/event-stream');
    expect([sse.status, sse.body]).toEqual([200, ': ping\n\n']);
    const [last] = range(sb, '?skip_prev=1');
    // A range's events carry no id; text is the formatter's date and message.
    expect(get(sb, `${V1}/range/?skip_prev=1`, 'text/event-stream').body).toBe(`data: ${JSON.stringify(last)}\n\n`);
    const text = get(sb, `${V1}/range/?skip_prev=1`, 'text/plain');
    expect(text.headers?.['Content-Type']).toBe('text/plain');
    expect(text.body).toMatch(
      new RegExp(`^2026-01-01 \\d\\d:\\d\\d:\\d\\d: ${last!.fields['MESSAGE']!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`),
    );
  });

  it('refuses bad parameters with v1 texts: 400 for parsing, 500 for the journal reader', async () => {
    const sb = await withHello();
    const bad = (q: string, status: number, message: string) =>
      expect(get(sb, `${V1}/range/${q}`)).toEqual(v1Error(status, message, `/v1/range/${q}`));
    bad('?filter=a:b:c', 400, 'Incorrect filter parameter format, must be ?filer=key:value. Got a:b:c');
    bad('?limit=-1', 400, 'Error parsing paramter `limit`: strconv.ParseUint: parsing "-1": invalid syntax');
    bad(
      '?limit=99999999999999999999',
      400,
      'Error parsing paramter `limit`: strconv.ParseUint: parsing "99999999999999999999": value out of range',
    );
    bad('?skip_next=x', 400, 'Error parsing parameter skip_next: strconv.ParseUint: parsing "x": invalid syntax');
    bad('?skip_prev=1.5', 400, 'Error parsing parameter skip_prev: strconv.ParseUint: parsing "1.5": invalid syntax');
    bad('?read_reverse=yes', 400, 'strconv.ParseBool: parsing "yes": invalid syntax');
    bad('?cursor=%25zz', 400, 'Unable to unescape cursor parameter: invalid URL escape "%zz"');
    bad('?cursor=x', 500, 'Error opening journal reader: Incorrect cursor string');
    const all = range(sb, '');
    const gone = all
      .at(-1)!
      .cursor.replace(/;t=[0-9a-f]+;/, ';t=ffffffffffffff;')
      .replace(/;m=[0-9a-f]+;/, ';m=ffffffffffffff;');
    const q = `?cursor=${encodeURIComponent(gone)}`;
    bad(q, 500, `Error opening journal reader: Cursor ${gone} not found: failed to test to cursor "${gone}": 99`);
  });
});

describe('v1 stream', () => {
  it('answers what there is now as events with ids, refuses limit and read_reverse, and resumes at Last-Event-ID', async () => {
    const sb = await withHello();
    const all = range(sb, '');
    const events = (es: Entry[]) => es.map((e) => `id: ${e.cursor}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    const two = get(sb, `${V1}/stream/?skip_prev=2`, 'text/event-stream');
    expect(two.status).toBe(200);
    expect(two.body).toBe(events(all.slice(-2)));
    expect(two.headers?.['Content-Type']).toBe('text/event-stream');
    expect(parse(get(sb, `${V1}/stream/?skip_prev=2&limit=0`).body)).toEqual(all.slice(-2));
    const refused = (q: string, message: string) => expect(get(sb, `${V1}/stream/${q}`)).toEqual(v1Error(400, message, `/v1/stream/${q}`));
    refused('?limit=1', 'Unable to stream events with `limit` parameter');
    refused('?read_reverse=false', 'Unable to stream events with `read_reverse` parameter');
    // Last-Event-ID overrides the cursor and zeroes the skips.
    const resumed = get(sb, `${V1}/stream/?skip_prev=3&cursor=x`, 'text/event-stream', { 'Last-Event-ID': all[5]!.cursor });
    expect(resumed.body).toBe(events(all.slice(6)));
    expect([resumed.headers?.['X-Journal-Skip-Next'], resumed.headers?.['X-Journal-Skip-Prev']]).toEqual(['0', '0']);
    // On a range the header means nothing.
    expect(range(sb, '?limit=1')).toEqual(
      parse(get(sb, `${V1}/range/?limit=1`, 'application/json', { 'Last-Event-ID': all[5]!.cursor }).body),
    );
    // Nothing yet: an open stream with no lines, or the event stream's keep-alive comment.
    expect(get(sb, `${V1}/stream/?filter=_PID:1`)).toMatchObject({ status: 200, body: '' });
    expect(get(sb, `${V1}/stream/?filter=_PID:1`, 'text/event-stream').body).toBe(': ping\n\n');
  });
});

describe('v1 container and fields routes', () => {
  it('finds no container logger entries: DC/OS 2.x logs tasks to sandbox files', async () => {
    const sb = await withHello();
    const path = 'framework/f1/executor/e1/container/c1';
    expect(get(sb, `${V1}/range/${path}`)).toMatchObject({ status: 204, body: '' });
    expect(get(sb, `${V1}/stream/${path}`)).toMatchObject({ status: 200, body: '' });
    expect(get(sb, `${V1}/stream/${path}`, 'text/event-stream').body).toBe(': ping\n\n');
    expect(get(sb, `${V1}/range/${path}?limit=x`).status).toBe(400);
    expect(get(sb, `${V1}/range/${path}/`).status).toBe(404);
  });

  it('lists values of the container logger fields only', async () => {
    const sb = await withHello();
    expect(get(sb, `${V1}/fields/STREAM`)).toEqual({ status: 204, body: '', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    expect(sb.request({ method: 'POST', path: `${V1}/fields/AGENT_ID` }).status).toBe(204);
    expect(get(sb, `${V1}/fields/MESSAGE`)).toEqual(v1Error(400, 'MESSAGE is not an allowed field', '/v1/fields/MESSAGE'));
    expect(get(sb, `${V1}/fields/stream`).status).toBe(400);
  });
});

describe('v1 routing', () => {
  it("reaches an agent's and the leader's journal, matches paths exactly, and sits behind Admin Router", async () => {
    const sb = await withHello();
    const agents = (get(sb, '/mesos/master/slaves').body as { slaves: Array<{ id: string; hostname: string }> }).slaves;
    const a = agents[0]!;
    const agentLog = parse(get(sb, `/system/v1/agent/${a.id}/logs/v1/range/`).body);
    expect(agentLog.length).toBeGreaterThan(0);
    expect(agentLog.every((e) => e.fields['_HOSTNAME'] === a.hostname)).toBe(true);
    expect(agentLog).toEqual(parse(get(sb, `/system/v1/agent/${a.id}/logs/v2/component`).body));
    expect(get(sb, '/system/v1/leader/mesos/logs/v1/range/?skip_prev=3').body).toBe(get(sb, `${V1}/range/?skip_prev=3`).body);
    const noRoute = { status: 404, body: '404 page not found\n', headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
    expect(get(sb, `${V1}/range`)).toEqual(noRoute);
    expect(get(sb, `${V1}/range/download`)).toEqual(noRoute);
    expect(get(sb, `${V1}/fields/STREAM/`)).toEqual(noRoute);
    expect(sb.request({ method: 'POST', path: `${V1}/range/` })).toEqual(noRoute);
    expect(get(sb, `${V1}/range/`, 'application/json', { Authorization: 'token=bad' }).status).toBe(401);
    expect(get(sb, `/system/v1/agent/${a.id}/logs/v1/stream/`, 'application/json', { Authorization: 'token=bad' }).status).toBe(401);
  });
});
