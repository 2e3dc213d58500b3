/**
 * Completion codes as text: a claim comes back whole; every way a code is damaged or edited by hand is told
 * apart, with its reason, before any replay. (What a re-encoded false claim does is completion-verify.test.ts.)
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  COMPLETION_PREFIX,
  decodeCompletion,
  encodeCompletion,
  lessonActions,
  scenarioHash,
  type CompletionClaim,
} from '../../src/share/completion-code.ts';
import { checksumOf } from '../../src/share/completion-bytes.ts';
import type { ScriptAction } from '../../src/common/scenario/types.ts';

const app = (at: number, id: string): ScriptAction => ({
  at,
  request: { method: 'POST', path: '/marathon/v2/apps', body: { id, cmd: 'sleep 3600', instances: 1, cpus: 0.1, mem: 32 } },
});

const claim: CompletionClaim = {
  kind: 'lesson',
  id: 'first-app',
  scenarioHash: '0123456789abcdef',
  actions: [app(12_000, '/hello'), { at: 15_250.5, request: { method: 'PUT', path: '/marathon/v2/apps/hello', body: { instances: 3 } } }],
  events: [{ at: 9000, event: 'offer-cycle-watched' }],
  finishedAt: 24_450,
  historyHash: 'eaa1293318778f5c',
};

/** The claim's JSON inside `code`, edited by `edit`, packed again; the checksum fixed only when asked. */
function edited(code: string, edit: (payload: Record<string, unknown>) => void, fixChecksum: boolean): string {
  const [body, sum] = code.split('.') as [string, string];
  const payload = JSON.parse(inflateRawSync(Buffer.from(body.slice(COMPLETION_PREFIX.length), 'base64url')).toString()) as Record<
    string,
    unknown
  >;
  edit(payload);
  const next = `${COMPLETION_PREFIX}${deflateRawSync(JSON.stringify(payload)).toString('base64url')}`;
  return `${next}.${fixChecksum ? checksumOf(next) : sum}`;
}

const reasonOf = async (code: string) => {
  const decoded = await decodeCompletion(code);
  return decoded.ok ? 'decoded' : decoded.reason;
};

describe('completion codes', () => {
  it('round trip: the claim comes back whole, from a short code that survives line breaks and spaces', async () => {
    const code = await encodeCompletion(claim);
    expect(code).toMatch(/^DCOS1-[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(code.length).toBeLessThan(400);
    expect(await decodeCompletion(code)).toEqual({ ok: true, claim });
    const wrapped = `  ${code.slice(0, 50)}\n${code.slice(50, 120)} \r\n${code.slice(120)}\n`;
    expect(await decodeCompletion(wrapped)).toEqual({ ok: true, claim });
  });

  const CHECKSUM =
    'The checksum does not match: a character of the code was changed, added or lost (a typo, or a code cut and pasted in part).';
  const CUT = 'The code is cut short: the 8-digit checksum after the last “.” is missing or incomplete. Copy the whole code.';

  it('a flipped character, anywhere, is a checksum mismatch', async () => {
    const code = await encodeCompletion(claim);
    for (const at of [COMPLETION_PREFIX.length, Math.floor(code.length / 2), code.length - 12, code.length - 1]) {
      const c = code[at]!;
      const flipped = `${code.slice(0, at)}${c === 'A' || c === '0' ? (c === 'A' ? 'B' : '1') : c === 'a' ? 'b' : /[0-9]/.test(c) ? '0' : 'A'}${code.slice(at + 1)}`;
      expect(flipped).not.toBe(code);
      expect(await reasonOf(flipped), `flipped at ${at}`).toBe(CHECKSUM);
    }
  });

  it('claims edited by hand (finish time, an action removed, another lesson) fail the checksum', async () => {
    const code = await encodeCompletion(claim);
    expect(await reasonOf(edited(code, (p) => (p['t'] = 20_000), false))).toBe(CHECKSUM);
    expect(await reasonOf(edited(code, (p) => (p['a'] as unknown[]).pop(), false))).toBe(CHECKSUM);
    expect(await reasonOf(edited(code, (p) => (p['id'] = 'self-healing'), false))).toBe(CHECKSUM);
    // With the checksum made again they decode: the replay must refute them (completion-verify.test.ts).
    const forged = await decodeCompletion(edited(code, (p) => (p['t'] = 20_000), true));
    expect(forged.ok && forged.claim.finishedAt).toBe(20_000);
  });

  it('a truncated code says it was cut short', async () => {
    const code = await encodeCompletion(claim);
    expect(await reasonOf(code.slice(0, -3))).toBe(CUT);
    expect(await reasonOf(code.slice(0, -9))).toBe(CUT);
    expect(await reasonOf(code.slice(0, 40))).toBe(CUT);
    // Cut in the middle, checksum kept: the checksum does not match.
    expect(await reasonOf(`${code.slice(0, 40)}${code.slice(-9)}`)).toBe(CHECKSUM);
  });

  it('what is not a code, or a code of another format, says so', async () => {
    expect(await reasonOf('')).toBe('There is no code: paste the code the lesson gave you.');
    expect(await reasonOf('#s=4.abc')).toBe('This is not a completion code: a code starts with “DCOS1-”.');
    const code = await encodeCompletion(claim);
    expect(await reasonOf(code.replace('DCOS1-', 'DCOS2-'))).toMatch(/^This code was made by a newer version of the sandbox \(format 2\)/);
    expect(await reasonOf(code.replace('DCOS1-', 'DCOS0-'))).toBe('This code uses format 0, which this sandbox does not read.');
    expect(await reasonOf(`DCOS1-${'A'.repeat(100_001)}`)).toMatch(/^This is too long to be a completion code/);
  });

  it('a checksummed payload that is not a claim is named field by field', async () => {
    const code = await encodeCompletion(claim);
    const damaged = (edit: (p: Record<string, unknown>) => void) => reasonOf(edited(code, edit, true));
    expect(await damaged((p) => (p['k'] = 'quiz'))).toBe('The code is damaged: its kind is neither a lesson nor a level.');
    expect(await damaged((p) => (p['t'] = -1))).toBe('The code is damaged: its finishing time is not from 0 to 21600000 ms.');
    expect(await damaged((p) => (p['a'] = [app(30_000, '/late')]))).toBe('The code is damaged: action 1 has a time outside the run.');
    expect(await damaged((p) => (p['a'] = [app(2000, '/b'), app(1000, '/a')]))).toBe(
      'The code is damaged: action 2 comes before the one ahead of it.',
    );
    expect(await damaged((p) => (p['a'] = [{ at: 1, request: { method: 'GET', path: '/x' } }]))).toBe(
      'The code is damaged: action 1 is not an API write.',
    );
    expect(await damaged((p) => (p['e'] = [{ at: 99_999, event: 'x' }]))).toBe('The code is damaged: UI event 1 is not valid.');
    const notJson = `${COMPLETION_PREFIX}${deflateRawSync('{"k":').toString('base64url')}`;
    expect(await reasonOf(`${notJson}.${checksumOf(notJson)}`)).toBe('The code is damaged: its data is not JSON.');
    const notDeflate = `${COMPLETION_PREFIX}AAAA`;
    expect(await reasonOf(`${notDeflate}.${checksumOf(notDeflate)}`)).toBe('The code is damaged: its data does not decompress.');
  });

  it('the scenario hash is stable: key order does not matter, content does', () => {
    expect(scenarioHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(scenarioHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(scenarioHash({ a: 1, b: { c: [2, 1], d: 'x' } })).not.toBe(scenarioHash({ a: 1, b: { c: [1, 2], d: 'x' } }));
    expect(scenarioHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  it("the claim's actions leave out the lesson's own scripted ones, and what ran after the finish", () => {
    const fault: ScriptAction = {
      at: 0,
      request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target: 'master-3' } },
    };
    const script = [fault, app(5000, '/a'), app(9000, '/b'), app(30_000, '/late')];
    expect(lessonActions([fault], script, 24_450)).toEqual([app(5000, '/a'), app(9000, '/b')]);
    expect(lessonActions([], script, 24_450)).toEqual([fault, app(5000, '/a'), app(9000, '/b')]);
  });
});
