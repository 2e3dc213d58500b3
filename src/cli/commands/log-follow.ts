/**
 * `--follow` (dcos-core-cli 2.2 `pkg/logs/client.go`: PrintComponent and FollowTask with Follow set): upstream
 * subscribes to dcos-log's event stream (`Accept: text/event-stream`) and prints each entry as it arrives. In-process
 * the stream answers what there is now, so following reads again from where the last read ended (a journal: its last
 * entry's cursor, `?cursor=…&skip=1`; a file: the byte offset after its last line, the event's `id`), once a wall
 * second, until stopped. A task's entries have no timestamp or identifier, so `short` prints them after Go's zero
 * time, `1970-01-01 00:00:00 UTC: …`, as upstream does; several tasks followed print `cat`, with `===> <id> <===`
 * whenever the task changes (task_log.go).
 */
import type { Follow, RequestFn } from '../types.ts';
import { formatEntry, get, responseError, type Entry, type LogOptions } from './log-client.ts';

const SSE = 'text/event-stream';

interface SseEvent {
  id?: string;
  data: string;
}

/** The events of a `text/event-stream` body (blank-line separated; `id:` and `data:` lines). */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split('\n\n')) {
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) events.push(id === undefined ? { data: data.join('\n') } : { id, data: data.join('\n') });
  }
  return events;
}

/** Waits a wall second, or less once stopped. */
export function wallSecond(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Repeats `read` after each pause until stopped. */
function loop(read: (emit: (stdout: string) => void) => Promise<void>): Follow {
  return async (emit, signal, pause = wallSecond) => {
    while (!signal.aborted) {
      await pause(signal);
      if (signal.aborted) return;
      await read((stdout) => {
        if (stdout !== '') emit(stdout);
      });
    }
  };
}

async function events(request: RequestFn, path: string): Promise<SseEvent[]> {
  const res = await get(request, path, SSE);
  if (res.status === 204) return [];
  if (res.status !== 200) throw responseError(res);
  return parseSse(String(res.body));
}

const entryOf = (e: SseEvent): Entry => JSON.parse(e.data) as Entry;

/** `dcos node log --follow`, `dcos service log marathon --follow`: the journal's last entries, then new ones. */
export async function followComponent(
  request: RequestFn,
  route: string,
  service: string,
  opts: LogOptions,
): Promise<{ stdout: string; follow: Follow }> {
  const base = `/system/v1${route}/logs/v2/component${service}`;
  const filters = opts.filters.map((f) => `&filter=${f}`).join('');
  let cursor: string | null = null;
  const print = (list: SseEvent[]): string => {
    if (list.length > 0) cursor = list.at(-1)!.id ?? cursor;
    return list.map((e) => formatEntry(entryOf(e), opts.format)).join('');
  };
  const stdout = print(await events(request, `${base}?skip=${opts.skip}${filters}`));
  const next = () => (cursor === null ? `${base}?cursor=BEG${filters}` : `${base}?cursor=${encodeURIComponent(cursor)}&skip=1${filters}`);
  return { stdout, follow: loop(async (emit) => emit(print(await events(request, next())))) };
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** One task file followed: the byte offset after the last line read. */
class FileCursor {
  private offset = 0;
  constructor(
    private readonly request: RequestFn,
    readonly taskId: string,
    private readonly file: string,
  ) {}

  private get base(): string {
    return `/system/v1/logs/v2/task/${this.taskId}/file/${this.file}`;
  }

  /** The lines of `list`, moving the offset past them (a line at offset 0 carries no id: its length gives it). */
  private take(list: SseEvent[]): string[] {
    return list.map((e) => {
      const message = entryOf(e).fields?.['MESSAGE'] ?? '';
      this.offset = e.id === undefined ? this.offset + utf8Length(message) + 1 : Number(e.id);
      return message;
    });
  }

  async last(lines: number): Promise<string[]> {
    const list = await events(this.request, `${this.base}?cursor=END&skip=${-lines}`);
    if (list.length === 0 && lines === 0) this.take(await events(this.request, `${this.base}?cursor=END&skip=-1`));
    return this.take(list);
  }

  async more(): Promise<string[]> {
    return this.take(await events(this.request, `${this.base}?cursor=${this.offset}`));
  }
}

/**
 * `dcos task log --follow` (`short`, the only output task_log.go keeps for one task) and `dcos service log <svc>
 * --follow` (its `--output`): each task's last `lines` lines, then what they write next.
 */
export async function followTasks(
  request: RequestFn,
  taskIds: string[],
  file: string,
  lines: number,
  format = 'short',
): Promise<{ stdout: string; follow: Follow }> {
  const cursors = taskIds.map((id) => new FileCursor(request, id, file));
  if (cursors.length === 1) {
    const one = cursors[0]!;
    const print = (got: string[]) => got.map((MESSAGE) => formatEntry({ fields: { MESSAGE } }, format)).join('');
    return { stdout: print(await one.last(lines)), follow: loop(async (emit) => emit(print(await one.more()))) };
  }
  let lastTask = '';
  const cat = (cursor: FileCursor, got: string[]): string => {
    if (got.length === 0) return '';
    const header = cursor.taskId === lastTask ? '' : `===> ${cursor.taskId} <===\n`;
    lastTask = cursor.taskId;
    return header + got.map((l) => `${l}\n`).join('');
  };
  let stdout = '';
  for (const c of cursors) stdout += cat(c, await c.last(lines));
  return {
    stdout,
    follow: loop(async (emit) => {
      for (const c of cursors) emit(cat(c, await c.more()));
    }),
  };
}
