/**
 * Completion codes for won chaos levels, end to end in Node: a real win (a shipped level by id, and a level from a
 * link carried whole) is encoded, decoded and verified by playing the level again; codes altered by hand (the
 * checksum made again) fail with the first thing that differs, and a mistyped one fails its checksum.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { changesProblem, LEVELS, levelProblem, runLevel, type Level } from '../../src/sandbox/levels/index.ts';
import { agentCrash } from '../../src/sandbox/levels/shipped-apps.ts';
import { checksumOf } from '../../src/share/completion-bytes.ts';
import { COMPLETION_PREFIX, decodeCompletion, encodeCompletion, type LevelClaim } from '../../src/share/completion-code.ts';
import { levelClaim, levelHash, verifyLevelCompletion, type LevelDriver } from '../../src/share/completion-level.ts';

/** The page's driver, with the runner called directly (TypeScript kernels: no Wasm to load). */
const driver: LevelDriver = {
  levels: async () => LEVELS,
  levelProblem: async (raw) => levelProblem(raw),
  changesProblem: async (level, changes) => changesProblem(level, changes),
  run: (level, changes) => runLevel(level, changes, { kernels: 'ts' }),
};

type Json = Record<string, unknown>;

/** The claim's JSON inside `code`, edited by `edit`, packed again; the checksum made again unless told not to. */
function edited(code: string, edit: (payload: Json) => void, fixChecksum = true): string {
  const [body, sum] = code.split('.') as [string, string];
  const payload = JSON.parse(inflateRawSync(Buffer.from(body.slice(COMPLETION_PREFIX.length), 'base64url')).toString()) as Json;
  edit(payload);
  const next = `${COMPLETION_PREFIX}${deflateRawSync(JSON.stringify(payload)).toString('base64url')}`;
  return `${next}.${fixChecksum ? checksumOf(next) : sum}`;
}

async function verdictOf(code: string): Promise<string> {
  const decoded = await decodeCompletion(code);
  if (!decoded.ok) return decoded.reason;
  if (decoded.claim.kind !== 'level') return 'a lesson code';
  const verdict = await verifyLevelCompletion(decoded.claim, driver);
  return verdict.ok ? 'verified' : verdict.reason;
}

/** A level of the player's own, as a link carries it: agent-crash under another id and title. */
const linked: Level = { ...agentCrash, id: 'my-crash', title: 'My crash' };

let shipped: { claim: LevelClaim; code: string };

beforeAll(async () => {
  const changes = agentCrash.reference.changes;
  const claim = levelClaim(agentCrash, true, changes, await runLevel(agentCrash, changes, { kernels: 'ts' }));
  if (!claim) throw new Error('the reference solution did not win');
  shipped = { claim, code: await encodeCompletion(claim) };
});

describe('level completion codes', () => {
  it('a real win of a shipped level is named by id, comes back whole and verifies', async () => {
    const { claim, code } = shipped;
    expect(claim).toMatchObject({ kind: 'level', id: 'agent-crash', levelHash: levelHash(agentCrash), finishedAt: agentCrash.until });
    expect(claim.level).toBeUndefined();
    expect(code).toMatch(/^DCOS1-[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(code.length).toBeLessThan(300);
    expect(await decodeCompletion(code)).toEqual({ ok: true, claim });
    expect(await verifyLevelCompletion(claim, driver)).toEqual({ ok: true, level: agentCrash, finishedAt: agentCrash.until });
  });

  it('a level from a link is carried whole, and verifies with nothing but the code', async () => {
    const changes = linked.reference.changes;
    const claim = levelClaim(linked, false, changes, await runLevel(linked, changes, { kernels: 'ts' }));
    expect(claim?.level).toEqual(linked);
    const code = await encodeCompletion(claim!);
    expect(code.length).toBeLessThan(1500);
    expect(await verdictOf(code)).toBe('verified');
    // Altered in the code: the carried level's own checks, then its hash.
    expect(await verdictOf(edited(code, (p) => ((p['l'] as Json)['until'] = 1)))).toBe(
      'The level in the code is not one this sandbox can run: until: must be a whole number of ms from 1000 to 7200000.',
    );
    expect(await verdictOf(edited(code, (p) => ((p['l'] as Json)['story'] = 'Easier.')))).toBe(
      'The level in the code is not the one the code was made from (“My crash”): the code was altered.',
    );
  });

  it('a lost run gives no claim', async () => {
    const lost = await runLevel(agentCrash, agentCrash.naive.changes, { kernels: 'ts' });
    expect(levelClaim(agentCrash, true, agentCrash.naive.changes, lost)).toBeNull();
  });

  it('a mistyped code fails its checksum', async () => {
    expect(await verdictOf(edited(shipped.code, (p) => (p['t'] = 1000), false))).toBe(
      'The checksum does not match: a character of the code was changed, added or lost (a typo, or a code cut and pasted in part).',
    );
  });

  it('an unknown level, or a shipped level that changed since, is refused before anything runs', async () => {
    expect(await verdictOf(edited(shipped.code, (p) => (p['id'] = 'no-such-level')))).toBe(
      'There is no level “no-such-level” in this version of the sandbox.',
    );
    expect(await verdictOf(edited(shipped.code, (p) => (p['s'] = '0123456789abcdef')))).toBe(
      'The code was made from another version of “Survive one agent crash”: the level changed since (another version of the sandbox), or the code was altered.',
    );
  });

  it('tampered changes: refused by the whitelist, or losing at their moment with the violation', async () => {
    expect(await verdictOf(edited(shipped.code, (p) => (p['c'] = { masters: 3 })))).toBe(
      "The level does not allow the code's changes: masters: this level does not let you change the number of masters.",
    );
    expect(await verdictOf(edited(shipped.code, (p) => (p['c'] = { apps: { '/shop': { instances: 2 } } })))).toMatch(
      /^The changes do not win: the run is lost at \d+:\d\d(\.\d{3})?: \/shop has 0 running instances, fewer than 1\.$/,
    );
    expect(await verdictOf(edited(shipped.code, (p) => (p['c'] = {})))).toBe(
      'The changes do not win: the run is lost at 2:15: /shop has 0 running instances, fewer than 1.',
    );
  });

  it('a tampered moment or history hash fails, naming it', async () => {
    expect(await verdictOf(edited(shipped.code, (p) => (p['t'] = 90_000)))).toBe(
      'The run is won at 4:00, not at the claimed 1:30: the code was altered.',
    );
    expect(await verdictOf(edited(shipped.code, (p) => (p['h'] = `${String(p['h']).slice(0, -1)}x`)))).toBe(
      'The history differs: the changes win, but the run does not end in the history the code claims: the code was altered or made with another version of the sandbox.',
    );
  });
});
