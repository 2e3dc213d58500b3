/**
 * Generated hostile command lines for the in-browser `dcos` (src/cli `runCommand`), run against a cluster
 * that already runs KEEPER: every real command (from the registry) with unknown long and short flags,
 * value flags missing their value, boolean flags repeated, random unicode / NUL / very long / quoted
 * arguments, an unbalanced quote, random and broken JSON bodies for the commands that take one, and
 * totally random strings. Asserted for every line: it resolves (never throws or rejects) to an exit
 * status of 0, 1 or 127 with string output; a non-zero status comes with a message (stderr, or stdout
 * for `app kill`'s "Killed tasks: []") that leaks no internals; pflag's errors are exactly the real
 * CLI's (`Error: unknown flag: --bogus`, `Error: flag needs an argument: --lines`, `Error: unterminated
 * quote`); a repeated flag changes nothing. After each battery the cluster is intact (KEEPER runs after
 * 5 s more) and its saved scenario replays to the same history hash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/index.ts';
import { normalizeId } from '../../src/cli/format.ts';
import { parseLine, parseProperties, VALUE_FLAGS } from '../../src/cli/parse.ts';
import { COMMANDS, isGroup } from '../../src/cli/registry.ts';
import type { CliResult, CommandSpec } from '../../src/cli/types.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { expectIntact, expectReplays, hostileCluster } from './api-hostile-support.ts';

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Commands that only read: any argument is safe to give them. */
const READS = new Set(['list', 'show', 'describe', 'get', 'log', 'list-components']);
const readsOnly = (spec: CommandSpec) => READS.has(spec.path.at(-1)!) || ['node', 'task', 'service'].includes(spec.path.join(' '));

/**
 * A line that could undo the cluster the battery checks (remove the root group or KEEPER, drain an agent
 * by hostname, make Marathon abdicate): left out, as the real CLI would do it too. Everything else runs.
 */
function couldHarmKeeper(line: string): boolean {
  const { words } = parseLine(line);
  const spec = COMMANDS.find((c) => c.path.every((w, i) => words[i + 1] === w));
  if (!spec || readsOnly(spec)) return false;
  // Abdicating leaves Marathon without a leader for a while: the battery's checks need one.
  if (spec.path.join(' ') === 'marathon leader delete') return true;
  // Signing out leaves requests without credentials to Admin Router's 401 (docs/iam.md): the battery's checks send none.
  if (spec.path.join(' ') === 'auth logout') return true;
  return words.slice(1).some((w) => normalizeId(w) === '/' || /keeper|\.\.|^a[12]$/.test(w) || /(^|\/)\.(\/|$)/.test(w));
}

/** Run the generated lines, then check the cluster survived them and replays. */
async function battery(sb: Sandbox, lines: () => Promise<void>): Promise<void> {
  await lines();
  expectIntact(sb);
  await expectReplays(sb);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
}

/** One line through the CLI, checked for what every answer must be. */
async function run(sb: Sandbox, line: string): Promise<CliResult> {
  let result: CliResult | undefined;
  const where = line.length > 100 ? `${line.slice(0, 100)}…` : line;
  try {
    result = await runCommand(line, (req) => sb.request(req));
  } catch (e) {
    expect.fail(`runCommand threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${JSON.stringify(where)}`);
  }
  const r = result!;
  expect([0, 1, 127], where).toContain(r.exitCode);
  expect(typeof r.stdout).toBe('string');
  expect(typeof r.stderr).toBe('string');
  if (r.exitCode !== 0) {
    const message = r.stderr || r.stdout;
    expect(message.trim().length, `no message for exit ${r.exitCode}: ${where}`).toBeGreaterThan(0);
    expect(message.split('\n')[0]!.trim().length, `first line empty: ${where}`).toBeGreaterThan(0);
  }
  for (const out of [r.stdout, r.stderr]) {
    expect(out, where).not.toMatch(/\n\s+at .+:\d+|TypeError|RangeError|ReferenceError|Maximum call stack/);
    if (!line.includes('[object Object]')) expect(out, where).not.toContain('[object Object]');
    // Marathon's own words for a missing field ("'id' is undefined on object: {…}") are not a leak.
    if (!line.includes('undefined')) expect(out.replace(/'[^']*' is undefined on object: /g, ''), where).not.toMatch(/\bundefined\b/);
    if (!line.includes('NaN')) expect(out, where).not.toMatch(/\bNaN\b/);
  }
  return r;
}

const command = fc.constantFrom(...COMMANDS);
/** Commands that take no positional argument but are also groups (`dcos node x` is an unknown command). */
const takesNoArgs = (spec: CommandSpec) => !spec.args && isGroup(spec.path);
const line = (spec: CommandSpec, ...rest: string[]) => ['dcos', ...spec.path, ...rest].join(' ');
/** A word that needs no quoting. */
const plainWord = fc.stringMatching(/^[a-z0-9/_.-]{1,12}$/).filter((w) => !w.startsWith('-'));
const flagName = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
const SHORT_OK = new Set(['h', 'q']);

const N = {
  unknownFlags: 80,
  unknownShort: 30,
  missingValues: 40,
  repeatedFlags: 40,
  strangeArgs: 120,
  unbalancedQuotes: 40,
  valueFlags: 60,
  properties: 60,
  bodies: 100,
  brokenBodies: 40,
  randomStrings: 120,
};

describe(`hostile dcos command lines (${Object.values(N).reduce((a, b) => a + b)} generated lines)`, () => {
  it(`unknown long flags anywhere after dcos (${N.unknownFlags} lines): exactly pflag's error`, async () => {
    const sb = await hostileCluster();
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(command, flagName, fc.nat(), fc.option(fc.string({ maxLength: 6 })), async (spec, name, pos, value) => {
          fc.pre(!(spec.flags ?? []).includes(name) && name !== 'help');
          const words = ['dcos', ...spec.path];
          const flag = value === null ? `--${name}` : `--${name}=${value.replace(/['"\\\s]/g, 'x')}`;
          words.splice(1 + (pos % words.length), 0, flag);
          const r = await run(sb, words.join(' '));
          expect(r, words.join(' ')).toEqual({ stdout: '', stderr: `Error: unknown flag: --${name}\n`, exitCode: 1 });
        }),
        { seed: 0xc11001, numRuns: N.unknownFlags },
      );
    });
  });

  it(`unknown one-letter flags (${N.unknownShort} lines): exactly pflag's error`, async () => {
    const sb = await hostileCluster();
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(command, fc.stringMatching(/^[a-zA-Z0-9]{1,3}$/), async (spec, letters) => {
          const allowed = (l: string) => SHORT_OK.has(l) && (l === 'h' || (spec.flags ?? []).includes('quiet'));
          const bad = [...letters].findIndex((l) => !allowed(l));
          fc.pre(bad >= 0);
          const r = await run(sb, line(spec, `-${letters}`));
          expect(r).toEqual({
            stdout: '',
            stderr: `Error: unknown shorthand flag: '${letters[bad]}' in -${letters.slice(bad)}\n`,
            exitCode: 1,
          });
        }),
        { seed: 0xc11002, numRuns: N.unknownShort },
      );
    });
  });

  it(`value flags at the end without their value (${N.missingValues} lines): "flag needs an argument"`, async () => {
    const sb = await hostileCluster();
    const withValueFlags = COMMANDS.filter((c) => (c.flags ?? []).some((f) => VALUE_FLAGS.has(f)));
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...withValueFlags), fc.nat(), fc.array(plainWord, { maxLength: 2 }), async (spec, n, args) => {
          const valueFlags = spec.flags!.filter((f) => VALUE_FLAGS.has(f));
          const flag = valueFlags[n % valueFlags.length]!;
          const text = line(spec, ...(takesNoArgs(spec) ? [] : args), `--${flag}`);
          fc.pre(!couldHarmKeeper(text));
          expect(await run(sb, text)).toEqual({ stdout: '', stderr: `Error: flag needs an argument: --${flag}\n`, exitCode: 1 });
        }),
        { seed: 0xc11003, numRuns: N.missingValues },
      );
    });
  });

  it(`boolean flags repeated, in any order (${N.repeatedFlags} lines): the same answer as each flag once`, async () => {
    const sb = await hostileCluster();
    const reads = COMMANDS.filter((c) => readsOnly(c) && !c.args && (c.flags ?? []).some((f) => !VALUE_FLAGS.has(f)));
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...reads), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), async (spec, picks) => {
          const bools = spec.flags!.filter((f) => !VALUE_FLAGS.has(f));
          const chosen = picks.map((p) => bools[p % bools.length]!);
          const once = [...new Set(chosen)].sort();
          const repeated = await run(sb, line(spec, ...chosen.map((f) => `--${f}`), ...chosen.map((f) => `--${f}=true`)));
          const single = await run(sb, line(spec, ...once.map((f) => `--${f}`)));
          expect(repeated, chosen.join(' ')).toEqual(single);
          // `--x=false` after `--x` turns it off again, as pflag does.
          const off = await run(sb, line(spec, ...chosen.map((f) => `--${f}`), ...once.map((f) => `--${f}=false`)));
          expect(off).toEqual(await run(sb, line(spec)));
        }),
        { seed: 0xc11004, numRuns: N.repeatedFlags },
      );
    });
  });

  it(`random unicode, NUL, very long, quoted and escaped arguments with real flags (${N.strangeArgs} lines)`, async () => {
    const sb = await hostileCluster();
    const arg = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('\u0000', 'a\u0000b', '/x\u0000', '%2F', '%00', '/../', '\u202Eevil', '😀/😀', '$(reboot)', '`id`', '*', '?', '#'),
      fc.integer({ min: 1_000, max: 50_000 }).map((n) => `/${'x'.repeat(n)}`),
      fc.string({ maxLength: 10 }).map((s) => `'${s.replace(/'/g, '')}'`),
      fc.string({ maxLength: 10 }).map((s) => `"${s.replace(/["\\]/g, '')}\\""`),
      plainWord,
    );
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(
          command,
          fc.array(arg, { maxLength: 3 }),
          fc.subarray(['--json', '--quiet', '--force', '--lines=3', '--scale']),
          async (spec, args, flags) => {
            const text = line(spec, ...args, ...flags.filter((f) => (spec.flags ?? []).includes(f.replace(/^--|=.*$/g, ''))));
            fc.pre(!couldHarmKeeper(text));
            await run(sb, text);
            sb.advance(37); // spread the writes over time, for the replay
          },
        ),
        { seed: 0xc11005, numRuns: N.strangeArgs },
      );
    });
  });

  it(`one unbalanced quote anywhere after dcos (${N.unbalancedQuotes} lines): "Error: unterminated quote"`, async () => {
    const sb = await hostileCluster();
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(
          command,
          fc.array(plainWord, { maxLength: 2 }),
          fc.nat(),
          fc.constantFrom("'", '"'),
          async (spec, args, pos, quote) => {
            const text = line(spec, ...(takesNoArgs(spec) ? [] : args));
            const at = 5 + (pos % (text.length - 4));
            const broken = `${text.slice(0, at)}${quote}${text.slice(at)}`;
            expect(await run(sb, broken)).toEqual({ stdout: '', stderr: 'Error: unterminated quote\n', exitCode: 1 });
          },
        ),
        { seed: 0xc11006, numRuns: N.unbalancedQuotes },
      );
    });
  });

  it(`value flags given random values (${N.valueFlags} lines)`, async () => {
    const sb = await hostileCluster();
    const tasks = JSON.parse((await run(sb, 'dcos task --json')).stdout) as { id: string }[];
    const taskId = tasks[0]!.id;
    const value = fc.oneof(
      fc.constantFrom(
        '-1',
        '0',
        '1e999',
        'NaN',
        'Infinity',
        '-0',
        '0x10',
        '1.5',
        '',
        ' ',
        '5s',
        '-5m',
        '1h1h',
        '9'.repeat(400),
        'null',
        '{}',
      ),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    const target = fc.constantFrom(
      ['task log', taskId, 'lines'],
      ['node list', '', 'mesos-id'],
      ['node list-components', '', 'mesos-id'],
      ['node drain', 'no-such-agent', 'max-grace-period'],
      ['node drain', 'no-such-agent', 'timeout'],
      ['marathon app kill', '/hostile-none', 'host'],
      ['quota create', 'hq', 'cpu'],
      ['quota update', 'hq', 'mem'],
      ['quota create', 'hq2', 'disk'],
      ['quota create', 'hq3', 'gpu'],
    );
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(target, value, fc.boolean(), async ([cmd, arg, flag], v, joined) => {
          const quoted = `'${v.replace(/'/g, '')}'`;
          const text = `dcos ${cmd} ${arg} ${joined ? `--${flag}=${quoted}` : `--${flag} ${quoted}`}`;
          await run(sb, text);
          sb.advance(37);
        }),
        { seed: 0xc1100a, numRuns: N.valueFlags },
      );
    });
  });

  it(`app update key=value pairs with distinct ordinary keys (${N.properties} lines): sent, or refused by Marathon; repeated keys refused`, async () => {
    const sb = await hostileCluster();
    await run(sb, 'dcos marathon app add {"id": "/kv", "cmd": "sleep 1000", "instances": 1, "cpus": 0.05, "mem": 16}');
    sb.advance(5000);
    const key = fc
      .oneof(
        fc.constantFrom('instances', 'cmd', 'cpus', 'mem', 'env', 'labels', 'constraints', 'args', 'bogus', 'id'),
        fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,10}$/),
      )
      .filter((k) => !(k in Object.prototype));
    const value = fc.oneof(
      fc.constantFrom('1', '0', '-1', '2', 'true', 'null', '[]', '{}', '"x"', 'sleep', '{"A":"1"}', '[["hostname","UNIQUE"]]', '1e999', ''),
      fc.jsonValue({ maxDepth: 2 }).map((j) => JSON.stringify(j)),
    );
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(key, { minLength: 1, maxLength: 4 }),
          fc.array(value, { minLength: 4, maxLength: 4 }),
          fc.boolean(),
          async (keys, values, repeat) => {
            const pairs = keys.map((k, i) => `'${k}=${values[i]!.replace(/'/g, '')}'`);
            if (repeat) pairs.push(pairs[0]!);
            const r = await run(sb, `dcos marathon app update /kv ${pairs.join(' ')}`);
            // dcos-core-cli 2.2's Python half prints its DCOSException messages as they are (no "Error: ").
            if (repeat) expect(r).toEqual({ stdout: '', stderr: `Key '${keys[0]}' was specified more than once\n`, exitCode: 1 });
            else {
              expect(r.stderr).not.toMatch(/more than once|Unable to parse/);
              if (r.exitCode === 0) expect(r.stdout).toMatch(/^Created deployment \S+\n$/);
              else expect(r.stderr).toMatch(/^(Error: |Error while fetching \[|Changes blocked: )/);
            }
            sb.advance(37);
          },
        ),
        { seed: 0xc1100b, numRuns: N.properties },
      );
    });
  });

  it('app update with a key named like an Object.prototype member sends it as a plain key', async () => {
    const sb = await hostileCluster();
    for (const k of ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__']) {
      const r = await run(sb, `dcos marathon app update /keeper-none '${k}=1'`);
      expect(r.stderr, k).not.toMatch(/more than once/);
    }
    expect(parseProperties(['__proto__={"cmd":"evil"}', 'toString=1'])).toEqual({
      body: JSON.parse('{"__proto__":{"cmd":"evil"},"toString":1}'),
    });
    expect(({} as Record<string, unknown>).cmd).toBeUndefined();
  });

  it(`random JSON bodies for app add/update, group add, pod add (${N.bodies} lines)`, async () => {
    const sb = await hostileCluster();
    const appish = fc.record(
      {
        id: fc.oneof(
          fc.constantFrom('/hostile', 'hostile/a', '/h/x', '', '/', '//', 'UPPER', '/a b'),
          fc.string({ maxLength: 8 }).map((s) => `/h-${s}`),
        ),
        cmd: fc.oneof(fc.constant('sleep 1000'), fc.jsonValue({ maxDepth: 1 })),
        instances: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom(1e9, 2 ** 31, 0.5, '2', null)),
        cpus: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constantFrom(1e308, '0.1', null)),
        mem: fc.oneof(fc.integer({ min: -10, max: 128 }), fc.constantFrom(1e12, '32')),
        env: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        constraints: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    );
    const validApp = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((s) => `/h-${s}`),
      cmd: fc.constant('sleep 1000'),
      instances: fc.integer({ min: 0, max: 2 }),
      cpus: fc.constantFrom(0.01, 0.05),
      mem: fc.constantFrom(8, 16),
    });
    const body = fc.oneof(
      validApp,
      appish,
      fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v === 'object' && v !== null),
      fc.constant({ apps: [{ id: 'x' }] }),
      fc.constant(JSON.parse('{"id": "/proto", "cmd": "run x", "__proto__": {"polluted": true}}') as unknown),
    );
    const target = fc.constantFrom(
      'marathon app add',
      'marathon app update /hostile',
      'marathon app update /nope',
      'marathon group add',
      'marathon pod add',
    );
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(target, body, fc.boolean(), async (cmd, json, newline) => {
          const text = `dcos ${cmd}${newline ? '\n' : ' '}${JSON.stringify(json)}`;
          fc.pre(!/"\/?keeper"|"\/"|"id":"\/?"/.test(text) || cmd.endsWith('/nope'));
          const r = await run(sb, text);
          if (r.exitCode === 0) expect(r.stdout, text).toMatch(/^Created deployment \S+\n$/);
          sb.advance(37);
        }),
        { seed: 0xc11007, numRuns: N.bodies },
      );
    });
  });

  it(`broken JSON bodies (${N.brokenBodies} lines): "Error: invalid JSON: …", nothing sent`, async () => {
    const sb = await hostileCluster();
    const broken = fc.oneof(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => typeof v === 'object' && v !== null)
        .map((v) => JSON.stringify(v).slice(0, -1)),
      fc
        .jsonValue({ maxDepth: 2 })
        .filter((v) => typeof v === 'object' && v !== null)
        .map((v) => `${JSON.stringify(v)}}`),
      fc.constantFrom(
        "{'id': '/x'}",
        '{"id": "/x",}',
        '{id: 1}',
        '[1, 2',
        '{"a": NaN}',
        '{"a": undefined}',
        '{"a": 1}{"b": 2}',
        `{${'['.repeat(5000)}`,
      ),
    );
    const target = fc.constantFrom('marathon app add', 'marathon app update /hostile', 'marathon group add', 'marathon pod add');
    await battery(sb, async () => {
      const before = sb.script().length;
      await fc.assert(
        fc.asyncProperty(target, broken, async (cmd, text) => {
          const r = await run(sb, `dcos ${cmd} ${text}`);
          expect(r.exitCode).toBe(1);
          expect(r.stderr).toMatch(/^Error: invalid JSON: ./);
        }),
        { seed: 0xc11008, numRuns: N.brokenBodies },
      );
      expect(sb.script().length, 'a broken body reached the cluster').toBe(before);
    });
  });

  it(`totally random strings, with and without "dcos " (${N.randomStrings} lines)`, async () => {
    const sb = await hostileCluster();
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `dcos ${s}`),
      fc
        .array(
          fc.constantFrom(
            'dcos',
            'marathon',
            'app',
            'task',
            'node',
            'list',
            'help',
            '--help',
            '-h',
            '--json',
            '{',
            '"',
            "'",
            '\\',
            '--',
            '-',
            '=',
          ),
          { maxLength: 8 },
        )
        .map((ws) => ws.join(' ')),
    );
    await battery(sb, async () => {
      await fc.assert(
        fc.asyncProperty(text, async (t) => {
          fc.pre(!couldHarmKeeper(t));
          const r = await run(sb, t);
          const first = parseLine(t).words[0];
          if (first !== undefined && first !== 'dcos')
            expect(r).toEqual({ stdout: '', stderr: `${first}: command not found (try: dcos help)\n`, exitCode: 127 });
        }),
        { seed: 0xc11009, numRuns: N.randomStrings },
      );
    });
  });
});
