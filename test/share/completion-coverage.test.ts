/**
 * Completion codes field by field (payloads checksummed by hand) and the verifier over a scripted driver and
 * hand-made lessons: every refusal names what is wrong, without booting a sandbox.
 */
import { describe, expect, it } from 'vitest';
import { deflate, toBase64Url } from '../../src/common/packed.ts';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { checksumOf } from '../../src/share/completion-bytes.ts';
import {
  COMPLETION_PREFIX,
  MAX_CLAIM_BYTES,
  decodeCompletion,
  scenarioHash,
  scriptOf,
  type LessonClaim,
} from '../../src/share/completion-code.ts';
import { CHECK_EVERY_MS, sealCompletion, verifyCompletion, type ReplayDriver } from '../../src/share/completion-verify.ts';
import type { Lesson } from '../../src/tutorial/types.ts';
import type { ScriptAction } from '../../src/common/scenario/types.ts';

type Json = Record<string, unknown>;

/** A code around any bytes, with a checksum that matches. */
async function codeOf(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const body = `${COMPLETION_PREFIX}${toBase64Url(await deflate(bytes))}`;
  return `${body}.${checksumOf(body)}`;
}
const GOOD: Json = { k: 'lesson', id: 'first-app', s: '0123456789abcdef', a: [], e: [], t: 10_000, h: 'abc' };
const reasonOfPayload = async (edit: Json) => {
  const decoded = await decodeCompletion(await codeOf(JSON.stringify({ ...GOOD, ...edit })));
  return decoded.ok ? 'decoded' : decoded.reason;
};
const write = (at: number, path = '/marathon/v2/apps'): ScriptAction => ({ at, request: { method: 'POST', path, body: { id: '/a' } } });

describe('decodeCompletion refusals', () => {
  it('the unedited payload decodes (the edits below are what break it)', async () => {
    expect(await decodeCompletion(await codeOf(JSON.stringify(GOOD)))).toEqual({
      ok: true,
      claim: {
        kind: 'lesson',
        id: 'first-app',
        scenarioHash: '0123456789abcdef',
        actions: [],
        events: [],
        finishedAt: 10_000,
        historyHash: 'abc',
      },
    });
    expect(await reasonOfPayload({ k: 'level', c: {}, w: true })).toBe('decoded');
    expect(await reasonOfPayload({ k: 'level', c: { masters: 3 }, l: { id: 'x' }, w: true })).toBe('decoded');
  });

  it.each<[string, Json, string]>([
    ['an id with capitals', { id: 'First' }, 'its lesson id is not valid'],
    ['an id too long', { id: 'a'.repeat(65) }, 'its lesson id is not valid'],
    ['an id that is a number', { id: 7 }, 'its lesson id is not valid'],
    ['a short scenario hash', { s: 'abc' }, 'its scenario hash is not valid'],
    ['a scenario hash in capitals', { s: '0123456789ABCDEF' }, 'its scenario hash is not valid'],
    ['a finish past six hours', { t: 6 * 3600 * 1000 + 1 }, 'its finishing time is not from 0 to 21600000 ms'],
    ['a finish as text', { t: '10' }, 'its finishing time is not from 0 to 21600000 ms'],
    ['an empty history hash', { h: '' }, 'its history hash is not valid'],
    ['a history hash too long', { h: 'x'.repeat(129) }, 'its history hash is not valid'],
    ['a history hash that is not text', { h: 1 }, 'its history hash is not valid'],
    ['no actions', { a: {} }, 'it has no list of actions'],
    ['an action that is not an object', { a: [7] }, 'action 1 is not an action'],
    ['an action that is null', { a: [null] }, 'action 1 is not an action'],
    ['an action without a time', { a: [{ request: { method: 'POST', path: '/x' } }] }, 'action 1 has a time outside the run'],
    ['an action without a request', { a: [{ at: 1 }] }, 'action 1 has no request'],
    ['an action whose request is null', { a: [{ at: 1, request: null }] }, 'action 1 has no request'],
    ['a relative path', { a: [{ at: 1, request: { method: 'PUT', path: 'x' } }] }, 'action 1 is not an API write'],
    ['a path that is not text', { a: [{ at: 1, request: { method: 'DELETE', path: 5 } }] }, 'action 1 is not an API write'],
    ['a second action that is bad', { a: [write(1), { at: 2 }] }, 'action 2 has no request'],
    ['no events', { e: 'none' }, 'it has no list of UI events'],
    ['a null event', { e: [null] }, 'UI event 1 is not valid'],
    ['an event without a name', { e: [{ at: 1 }] }, 'UI event 1 is not valid'],
    ['an event at a negative time', { e: [{ at: -1, event: 'x' }] }, 'UI event 1 is not valid'],
    ['a level id with capitals', { k: 'level', id: 'Agent', c: {}, w: true }, 'its level id is not valid'],
    ['a short level hash', { k: 'level', s: 'abc', c: {}, w: true }, 'its level hash is not valid'],
    ['a level claim without a win', { k: 'level', c: {} }, 'it does not claim a win'],
    ['a level claim of a loss', { k: 'level', c: {}, w: false }, 'it does not claim a win'],
    ['level changes that are a list', { k: 'level', c: [], w: true }, 'its changes are not an object'],
    ['no level changes', { k: 'level', w: true }, 'its changes are not an object'],
    ['a carried level that is text', { k: 'level', c: {}, l: 'agent-crash', w: true }, 'its level is not an object'],
  ])('%s', async (_what, edit, reason) => {
    expect(await reasonOfPayload(edit)).toBe(`The code is damaged: ${reason}.`);
  });

  it('a payload that is not an object holds no claim', async () => {
    for (const text of ['[]', 'null', '"claim"', '3']) {
      const decoded = await decodeCompletion(await codeOf(text));
      expect(decoded, text).toEqual({ ok: false, reason: 'The code is damaged: it holds no claim.' });
    }
  });

  it('data that is not base64url, not UTF-8, or expands too far', async () => {
    const bad = `${COMPLETION_PREFIX}@@@@`;
    expect(await decodeCompletion(`${bad}.${checksumOf(bad)}`)).toEqual({
      ok: false,
      reason: 'The code is damaged: its data is not base64url.',
    });
    const empty = COMPLETION_PREFIX;
    expect(await decodeCompletion(`${empty}.${checksumOf(empty)}`)).toEqual({
      ok: false,
      reason: 'The code is damaged: its data is not base64url.',
    });
    expect(await decodeCompletion(await codeOf(new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual({
      ok: false,
      reason: 'The code is damaged: its data is not JSON.',
    });
    expect(await decodeCompletion(await codeOf(' '.repeat(MAX_CLAIM_BYTES + 1)))).toEqual({
      ok: false,
      reason: `The code expands to more than ${MAX_CLAIM_BYTES} bytes: it is not one this sandbox made.`,
    });
  });

  it('the checksum is read in either case, after the last dot', async () => {
    const code = await codeOf(JSON.stringify(GOOD));
    const dot = code.lastIndexOf('.');
    expect((await decodeCompletion(`${code.slice(0, dot)}.${code.slice(dot + 1).toUpperCase()}`)).ok).toBe(true);
    expect(await decodeCompletion(code.slice(0, dot))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^The code is cut short/),
    });
  });
});

describe('scriptOf', () => {
  it('the scenario’s script, or none', () => {
    const script = [write(0)];
    expect(scriptOf({ script })).toBe(script);
    expect(scriptOf({ script: 'x' })).toEqual([]);
    expect(scriptOf({})).toEqual([]);
    expect(scriptOf(null)).toEqual([]);
  });
});

/** A driver that records what the replay asks: the cluster is a counter of writes made and the time reached. */
function fakeDriver(options: { loadError?: string; hash?: string; failAt?: number } = {}) {
  const calls: string[] = [];
  const state = { now: 0, writes: [] as string[] };
  const driver: ReplayDriver = {
    async load() {
      calls.push('load');
      return options.loadError ?? null;
    },
    async runTo(at) {
      if (options.failAt !== undefined && at >= options.failAt) throw new Error('worker gone');
      state.now = at;
    },
    async request(req: ApiRequest): Promise<ApiResponse> {
      if (req.method === 'GET') return { status: req.path === '/writes' ? 200 : 404, body: state.writes } as ApiResponse;
      calls.push(`${req.method} ${req.path} @${state.now}`);
      state.writes.push(req.path);
      return { status: 201, body: {} } as ApiResponse;
    },
    async historyHash() {
      return options.hash ?? `h${state.writes.length}`;
    },
  };
  return { driver, calls, state };
}

const step = (title: string, check: (ctx: Parameters<Lesson['steps'][number]['goal']['check']>[0]) => Promise<boolean>) => ({
  id: title,
  title,
  text: '',
  goal: { check },
  hints: [],
  showMe: [],
  settleMs: 0,
});
/** Step 1: a write was made (read through `get`); step 2: the UI event `watched` was seen; step 3 throws until 2 writes. */
const LESSON = {
  id: 'fake',
  title: 'Fake',
  summary: '',
  scenario: { seed: 1 },
  steps: [
    step('Write', async ({ api }) => ((await api.get<string[]>('/writes')) ?? []).length >= 1),
    step('Watch', async ({ events }) => events.has('watched' as never)),
    step('Write again', async ({ api }) => {
      const writes = await api.get<string[]>('/writes');
      if (!writes || writes.length < 2) throw new Error('not yet');
      return (await api.get('/missing')) === null;
    }),
  ],
} as unknown as Lesson;
const LESSONS = [LESSON];
const claimOf = (edit: Partial<LessonClaim> = {}): LessonClaim => ({
  kind: 'lesson',
  id: 'fake',
  scenarioHash: scenarioHash(LESSON.scenario),
  actions: [write(1000, '/one'), write(1000, '/two')],
  events: [{ at: 1200, event: 'watched' }],
  finishedAt: 1300,
  historyHash: 'h2',
  ...edit,
});

describe('verifyCompletion over a scripted driver', () => {
  it('a true claim verifies: actions are made at their moment, progress is reported up to the finish', async () => {
    const { driver, calls } = fakeDriver();
    const seen: number[] = [];
    const verdict = await verifyCompletion(claimOf(), driver, LESSONS, (at, end) => {
      expect(end).toBe(1300);
      seen.push(at);
    });
    expect(verdict).toEqual({ ok: true, lesson: LESSON, finishedAt: 1300 });
    expect(calls).toEqual(['load', 'POST /one @1000', 'POST /two @1000']);
    expect(seen).toEqual([0, 250, 500, 750, 1000, 1250, 1300]);
    expect(CHECK_EVERY_MS).toBe(250);
  });

  it('refuses an unknown lesson and a changed starting cluster before loading anything', async () => {
    const { driver, calls } = fakeDriver();
    expect(await verifyCompletion(claimOf({ id: 'nope' }), driver, LESSONS)).toEqual({
      ok: false,
      reason: 'There is no lesson “nope” in this version of the sandbox.',
    });
    expect(await verifyCompletion(claimOf({ scenarioHash: '0'.repeat(16) }), driver, LESSONS)).toEqual({
      ok: false,
      reason:
        'The code was made from another starting cluster for “Fake”: the lesson changed since (another version of the sandbox), or the code was altered.',
    });
    expect(calls).toEqual([]);
  });

  it('a cluster that does not load, and a replay that throws, say so', async () => {
    expect(await verifyCompletion(claimOf(), fakeDriver({ loadError: 'bad agent' }).driver, LESSONS)).toEqual({
      ok: false,
      lesson: LESSON,
      reason: "The lesson's cluster does not load: bad agent",
    });
    expect(await verifyCompletion(claimOf(), fakeDriver({ failAt: 500 }).driver, LESSONS)).toEqual({
      ok: false,
      lesson: LESSON,
      reason: 'The replay stopped: worker gone',
    });
  });

  it('names the first step not met: none, the event too late, the last goal still throwing', async () => {
    const reason = async (edit: Partial<LessonClaim>) => {
      const v = await verifyCompletion(claimOf(edit), fakeDriver().driver, LESSONS);
      return v.ok ? 'verified' : v.reason;
    };
    expect(await reason({ actions: [] })).toBe('The actions do not complete step 1 “Write” by the claimed finish.');
    expect(await reason({ events: [{ at: 1301, event: 'watched' }] })).toBe(
      'The actions complete step 1 “Write” but not step 2 “Watch” by the claimed finish.',
    );
    expect(await reason({ actions: [write(1000, '/one')] })).toBe(
      'The actions complete step 2 “Watch” but not step 3 “Write again” by the claimed finish.',
    );
    // Every goal met, at the very moment of the last action.
    expect(await reason({ finishedAt: 1200, events: [{ at: 0, event: 'watched' }] })).toBe('verified');
  });

  it('every goal met but another history is refuted', async () => {
    const verdict = await verifyCompletion(claimOf(), fakeDriver({ hash: 'other' }).driver, LESSONS);
    expect(verdict).toMatchObject({ ok: false, lesson: LESSON, reason: expect.stringMatching(/^The history differs: every goal is met/) });
  });
});

describe('sealCompletion', () => {
  const { historyHash: _h, ...unsealed } = claimOf();

  it('fills in the replay’s history hash', async () => {
    expect(await sealCompletion(unsealed, fakeDriver().driver, LESSONS)).toEqual({ ok: true, claim: { ...unsealed, historyHash: 'h2' } });
  });

  it('gives the reason instead when the lesson is unknown or the run does not replay', async () => {
    expect(await sealCompletion({ ...unsealed, id: 'gone' }, fakeDriver().driver, LESSONS)).toEqual({
      ok: false,
      reason: 'There is no lesson “gone” in this version of the sandbox.',
    });
    expect(await sealCompletion({ ...unsealed, actions: [] }, fakeDriver().driver, LESSONS)).toEqual({
      ok: false,
      reason: 'The actions do not complete step 1 “Write” by the claimed finish.',
    });
  });
});
