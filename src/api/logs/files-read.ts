/**
 * dcos-log's v2 task file handler (dcos/dcos-log `api/v2/handlers.go` filesAPIHandler, `mesos/files/reader`): a
 * sandbox file read by lines, from `cursor` (a byte offset, `BEG` or `END`), moved `skip` lines (backward when
 * negative), at most `limit` lines; raw text, or server-sent events with each line's end offset as its id.
 */
import type { ApiResponse } from '../types.ts';
import { goHttpError } from './journal-read.ts';

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function intParam(query: URLSearchParams, name: string): number | undefined | ApiResponse {
  const s = query.get(name) ?? '';
  if (s === '') return undefined;
  if (!/^[+-]?\d+$/.test(s)) return goHttpError(400, `unable to parse ${name} parameter. ${s} not an integer`);
  return Number(s);
}

const isAnswer = (v: unknown): v is ApiResponse => typeof v === 'object' && v !== null;

export function readFile(lines: string[], query: URLSearchParams, accept: string): ApiResponse {
  const offsets: number[] = [];
  let end = 0;
  for (const l of lines) {
    offsets.push(end);
    end += utf8Length(l) + 1;
  }
  const cursorStr = query.get('cursor') ?? '';
  let start = 0;
  if (cursorStr === 'END') start = lines.length;
  else if (cursorStr !== '' && cursorStr !== 'BEG') {
    const c = intParam(query, 'cursor');
    if (isAnswer(c)) return c;
    const at = offsets.findIndex((o) => o >= c!);
    start = at < 0 ? lines.length : at;
  }
  const skip = intParam(query, 'skip');
  if (isAnswer(skip)) return skip;
  const limit = intParam(query, 'limit');
  if (isAnswer(limit)) return limit;
  start = Math.min(Math.max(start + (skip ?? 0), 0), lines.length);
  const stop = limit !== undefined && limit > 0 ? Math.min(start + limit, lines.length) : lines.length;
  const picked = lines.slice(start, stop);
  if (accept === 'text/event-stream') {
    const body = picked
      .map((l, i) => {
        const offset = offsets[start + i]!;
        const id = offset + utf8Length(l) + 1;
        return `id: ${id}\ndata: ${JSON.stringify({ fields: { MESSAGE: l }, cursor: String(offset) })}\n\n`;
      })
      .join('');
    return { status: 200, body, headers: { 'Content-Type': 'text/event-stream' } };
  }
  return { status: 200, body: picked.map((l) => `${l}\n`).join(''), headers: { 'Content-Type': 'text/plain' } };
}
