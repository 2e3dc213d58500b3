/**
 * Hostile LIKE / UNLIKE regexes (issue 13, item 2): catastrophic ones are matched in linear time (RE2), Java-only
 * features and oversized ones answer 422 at the constraint's path, nothing throws, the cluster keeps advancing,
 * and the saved scenario replays to the same history hash.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { MAX_REGEX_LENGTH } from '../../src/common/marathon/constraint-regex.ts';
import { agent } from '../support/cluster.ts';
import { boot, get, marathonScenario, post, tasksOf, type Json } from '../support/marathon.ts';

/**
 * Values that make a backtracking engine explode on `(a+)+$` (2^n steps). Kept short enough that a regression
 * fails on the wall-time bounds below within a minute instead of hanging the run (40 a's would take hours).
 */
const EVIL = `${'a'.repeat(26)}!`;
const CATASTROPHIC = ['(a+)+$', '(a|aa)+$', '(a*)*b', '(.*a){12}'];

const AGENTS = [
  agent('evil-1', { cpus: 4, mem: 4096 }, { attributes: { label: EVIL } }),
  agent('evil-2', { cpus: 4, mem: 4096 }, { attributes: { label: `${'a'.repeat(27)}!` } }),
  agent('good-1', { cpus: 4, mem: 4096 }, { attributes: { label: 'aaaa' } }),
];

const app = (id: string, constraints: unknown[], instances = 2): Json => ({
  id,
  cmd: 'sleep 1000',
  cpus: 0.1,
  mem: 16,
  instances,
  constraints,
});
const pod = (id: string, constraints: unknown[]): Json => ({
  id,
  scaling: { kind: 'fixed', instances: 1 },
  containers: [{ name: 'c', resources: { cpus: 0.1, mem: 16 }, exec: { command: { shell: 'sleep 1000' } } }],
  scheduling: { placement: { constraints } },
});

async function replaysToSameHash(sb: Sandbox): Promise<void> {
  const replay = await createSandbox(JSON.parse(JSON.stringify(sb.scenario())) as unknown);
  replay.advance(sb.now);
  expect(replay.historyHash()).toBe(sb.historyHash());
}

function keepsAdvancing(sb: Sandbox): void {
  const before = sb.now;
  sb.advance(5_000);
  expect(sb.now).toBe(before + 5_000);
  expect(get(sb, '/marathon/v2/apps').apps).toBeInstanceOf(Array);
}

const hostsOf = (sb: Sandbox, id: string): string[] => tasksOf(sb, id).map((t) => t.host as string);

describe('catastrophic LIKE / UNLIKE regexes run in linear time', () => {
  it('places apps and pods with them, answers the Debug view, and replays', async () => {
    const started = performance.now();
    const sb = await boot(AGENTS);
    CATASTROPHIC.forEach((regex, i) => {
      expect(post(sb, '/marathon/v2/apps', app(`/like-${i}`, [['label', 'LIKE', regex]])).status).toBe(201);
      expect(post(sb, '/marathon/v2/apps', app(`/unlike-${i}`, [['label', 'UNLIKE', regex]])).status).toBe(201);
      expect(post(sb, '/marathon/v2/pods', pod(`/pod-${i}`, [{ fieldName: 'label', operator: 'LIKE', value: regex }])).status).toBe(201);
    });
    sb.advance(20_000);
    // Whole-value match, as Java's String.matches: only 'aaaa' matches `(a+)+$` and `(a|aa)+$`.
    expect(new Set(hostsOf(sb, '/like-0'))).toEqual(new Set(['good-1']));
    expect(new Set(hostsOf(sb, '/like-1'))).toEqual(new Set(['good-1']));
    expect(hostsOf(sb, '/unlike-0').every((h) => h.startsWith('evil'))).toBe(true);
    expect(hostsOf(sb, '/like-2')).toEqual([]); // `(a*)*b` matches no label
    const placement = sb.request({ method: 'GET', path: '/sandbox/v1/marathon/apps/like-2/placement' });
    expect(placement.status).toBe(200);
    keepsAdvancing(sb);
    await replaysToSameHash(sb);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a scenario (a share link, a saved cluster) carrying one opens and runs at once', async () => {
    const started = performance.now();
    const scenario = marathonScenario(AGENTS, { marathon: { apps: [app('/evil', [['label', 'LIKE', '(a+)+$']], 3)] } });
    const sb = await createSandbox(scenario);
    sb.advance(30_000);
    expect(hostsOf(sb, '/evil')).toEqual(['good-1', 'good-1', 'good-1']);
    await replaysToSameHash(sb);
    // The Wasm kernel and its TypeScript twin get the same precomputed LIKE table: the same history.
    const twin = await createSandbox(scenario, { matcher: 'ts' });
    twin.advance(30_000);
    expect(twin.historyHash()).toBe(sb.historyHash());
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('a match is bounded whatever the attribute values', () => {
  it('a long value past the work bound places nothing under LIKE or UNLIKE, at once', async () => {
    const started = performance.now();
    const long = 'ab'.repeat(100_000);
    const sb = await boot([
      agent('long-1', { cpus: 4, mem: 4096 }, { attributes: { label: long } }),
      agent('good-1', { cpus: 4, mem: 4096 }, { attributes: { label: 'aab' } }),
    ]);
    const heavy = '(?:[ab]*a[ab]{0,50}){1,19}b'; // ~2000 RE2 instructions: seconds on 200,000 characters
    expect(post(sb, '/marathon/v2/apps', app('/like', [['label', 'LIKE', heavy]])).status).toBe(201);
    expect(post(sb, '/marathon/v2/apps', app('/unlike', [['label', 'UNLIKE', heavy]])).status).toBe(201);
    expect(post(sb, '/marathon/v2/apps', app('/cheap', [['label', 'LIKE', '(ab)+']])).status).toBe(201);
    sb.advance(20_000);
    expect(new Set(hostsOf(sb, '/like'))).toEqual(new Set(['good-1']));
    expect(hostsOf(sb, '/unlike')).toEqual([]);
    expect(new Set(hostsOf(sb, '/cheap'))).toEqual(new Set(['long-1'])); // a small regex still reads the long value
    keepsAdvancing(sb);
    await replaysToSameHash(sb);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('regexes the sandbox refuses answer 422 at the constraint path', () => {
  const cases: Array<[regex: string, message: RegExp]> = [
    ['(a)\\1', /uses a backreference \(\\1\).*does not support/],
    ['(?<n>a)\\k<n>', /backreference/],
    ['(?=a)a', /uses a lookahead/],
    ['(?!b).', /uses a lookahead/],
    ['(?<=a)b', /uses a lookbehind/],
    ['(?<!a)b', /uses a lookbehind/],
    ['(?>a+)b', /uses an atomic group/],
    ['a*+b', /uses a possessive quantifier/],
    ['[a-z&&[^e]]', /character-class intersection/],
    ['(', /^is not a valid regular expression$/],
    ['[a-', /is not a valid regular expression$/],
    ['a{3,2}', /is not a valid regular expression$/],
    ['\\y', /is not a valid regular expression$/],
    ['a'.repeat(MAX_REGEX_LENGTH + 1), /^regular expression too large: 1001 characters; the sandbox accepts at most 1000 characters/],
    ['b'.repeat(50_000), /^regular expression too large: 50000 characters/],
    ['((a{0,999}){0,999})', /repeat count|too large/],
  ];

  it('for apps, pods and apps in groups, and the cluster goes on', async () => {
    const started = performance.now();
    const sb = await boot(AGENTS);
    for (const [regex, message] of cases) {
      for (const op of ['LIKE', 'UNLIKE']) {
        const a = post(
          sb,
          '/marathon/v2/apps',
          app('/refused', [
            ['hostname', 'UNIQUE'],
            ['label', op, regex],
          ]),
        );
        expect(a.status, regex.slice(0, 40)).toBe(422);
        // An app's constraints are a set in Marathon: no index in the path.
        const detail = (a.body.details as Json[]).find((d) => d.path === '/constraints')!;
        expect(detail.errors[0]).toMatch(message);
      }
      const p = post(sb, '/marathon/v2/pods', pod('/refused', [['label', 'LIKE', regex]]));
      expect(p.status).toBe(422);
      const pd = (p.body.details as Json[]).find((d) => d.path === '/scheduling/placement/constraints(0)')!;
      expect(pd.errors[0]).toMatch(message);
      const g = sb.request({
        method: 'POST',
        path: '/marathon/v2/groups',
        body: { id: '/g', apps: [app('/g/a', [['label', 'LIKE', regex]])] },
      });
      expect(g.status).toBe(422);
    }
    // A megabyte of regex: refused whole, by the body limit (413) or by the regex limit (422).
    expect([413, 422]).toContain(post(sb, '/marathon/v2/apps', app('/huge', [['label', 'LIKE', 'b'.repeat(1_000_000)]])).status);
    expect(get(sb, '/marathon/v2/apps').apps).toEqual([]);
    keepsAdvancing(sb);
    await replaysToSameHash(sb);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('keeps the regexes RE2 and Java both read', async () => {
    const sb = await boot(AGENTS);
    ['good-.*', '(?i)GOOD-1', 'g[[:alpha:]]+-[0-9]', 'good-\\d', '\\Qgood-1\\E', '(?<name>good)-1', 'a{2}|good-1'].forEach((regex, i) => {
      expect(post(sb, '/marathon/v2/apps', app(`/ok-${i}`, [['hostname', 'LIKE', regex]])).status, regex).toBe(201);
    });
    sb.advance(10_000);
    for (const { id } of get(sb, '/marathon/v2/apps').apps as Json[])
      expect(hostsOf(sb, id as string).every((h) => h === 'good-1')).toBe(true);
  });
});
