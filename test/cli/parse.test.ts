import { describe, expect, it } from 'vitest';
import { intFlag, parseLine, parseProperties, tokenize } from '../../src/cli/parse.ts';

const values = (s: string) => tokenize(s).tokens.map((t) => t.value);

describe('tokenize', () => {
  it('splits on blanks and keeps offsets', () => {
    const { tokens } = tokenize('  dcos   node list');
    expect(tokens.map((t) => [t.value, t.start, t.end])).toEqual([
      ['dcos', 2, 6],
      ['node', 9, 13],
      ['list', 14, 18],
    ]);
  });

  it('handles single quotes, double quotes and backslash escapes', () => {
    expect(values(`a 'b c' "d \\"e\\" f" g\\ h 'x'"y"z`)).toEqual(['a', 'b c', 'd "e" f', 'g h', 'xyz']);
    expect(values(`'it''s'`)).toEqual(['its']);
    expect(values(`"a\\nb"`)).toEqual(['a\\nb']);
    expect(values('one \\\ntwo')).toEqual(['one', 'two']);
  });

  it('marks an unterminated quote', () => {
    const t = tokenize(`dcos marathon app show "/hel`);
    expect(t.unterminated).toBe(true);
    expect(t.tokens.at(-1)).toMatchObject({ value: '/hel', open: true });
  });

  it('takes a { or [ at the start of a word as the beginning of a JSON body', () => {
    const t = tokenize('dcos marathon app add {"id": "/a b", "cmd": "run x"}');
    expect(t.tokens.map((x) => x.value)).toEqual(['dcos', 'marathon', 'app', 'add']);
    expect(t.bodyText).toBe('{"id": "/a b", "cmd": "run x"}');
    expect(tokenize('dcos marathon app update /a constraints=[["hostname","UNIQUE"]]').bodyText).toBeUndefined();
  });
});

describe('parseLine', () => {
  it('separates words, long flags (with and without values) and short flags', () => {
    const p = parseLine('dcos task log abc --lines 5 --json -q --host=a1 --force');
    expect(p.words).toEqual(['dcos', 'task', 'log', 'abc']);
    expect(p.flags).toEqual({ lines: '5', json: true, quiet: true, host: 'a1', force: true });
    expect(p.error).toBeUndefined();
  });

  it("reads -o as --output in pflag's three forms, and keeps every value of a repeated value flag", () => {
    for (const line of [
      'dcos task log abc -o json',
      'dcos task log abc -ojson',
      'dcos task log abc -o=json',
      'dcos task log -qo json abc',
    ]) {
      const p = parseLine(line);
      expect(p.words, line).toEqual(['dcos', 'task', 'log', 'abc']);
      expect(p.flags.output, line).toBe('json');
    }
    expect(parseLine('dcos task log abc -o').flagError).toBe("flag needs an argument: 'o' in -o");
    const repeated = parseLine('dcos node log --filter A:1 --filter=B:2 --lines 3');
    expect(repeated.flags.filter).toBe('B:2');
    expect(repeated.flagLists).toEqual({ filter: ['A:1', 'B:2'], lines: ['3'] });
  });

  it('does not let a boolean flag swallow the next word', () => {
    expect(parseLine('dcos marathon app remove --force /a').words).toEqual(['dcos', 'marathon', 'app', 'remove', '/a']);
  });

  it('treats words after -- as words', () => {
    expect(parseLine('dcos task -- --odd').words).toEqual(['dcos', 'task', '--odd']);
  });

  it('parses a JSON body on the same line or after a newline', () => {
    const same = parseLine('dcos marathon app add {"id": "/hello", "cmd": "sleep 1000"}');
    expect(same.hasBody).toBe(true);
    expect(same.body).toEqual({ id: '/hello', cmd: 'sleep 1000' });
    const next = parseLine('dcos marathon group add\n{\n  "id": "/g",\n  "apps": []\n}\n');
    expect(next.words).toEqual(['dcos', 'marathon', 'group', 'add']);
    expect(next.body).toEqual({ id: '/g', apps: [] });
    expect(parseLine('dcos marathon app add --force [1, 2]').body).toEqual([1, 2]);
  });

  it('reports invalid JSON and unterminated quotes', () => {
    expect(parseLine('dcos marathon app add {"id": }').error).toMatch(/^invalid JSON/);
    expect(parseLine(`dcos marathon app show '/a`).error).toBe('unterminated quote');
  });
});

describe("parseLine with the command's flags (pflag's rules and words)", () => {
  const only =
    (...names: string[]) =>
    () =>
      names;
  const flagError = (line: string, ...names: string[]) => parseLine(line, only(...names)).flagError;

  it('passes the words after dcos to find the flags, and always allows --help and -h', () => {
    const seen: string[][] = [];
    const p = parseLine('dcos task log abc --lines 5 -h', (w) => (seen.push(w), ['lines']));
    expect(seen).toEqual([['task', 'log', 'abc']]);
    expect(p.flags).toEqual({ lines: '5', help: true });
    expect(p.flagError).toBeUndefined();
  });

  it('refuses a long flag the command does not take', () => {
    expect(flagError('dcos marathon app list --bogus', 'json', 'quiet')).toBe('unknown flag: --bogus');
    expect(flagError('dcos marathon app list --bogus=1 --json', 'json')).toBe('unknown flag: --bogus');
    expect(flagError('dcos marathon app add --wat {"id": "/a"}')).toBe('unknown flag: --wat');
    // A value flag of another command is no flag of this one.
    expect(flagError('dcos node --lines 5', 'json')).toBe('unknown flag: --lines');
  });

  it('names the rest of a run of one-letter flags from the letter it cannot take', () => {
    expect(flagError('dcos node -x', 'json')).toBe("unknown shorthand flag: 'x' in -x");
    expect(flagError('dcos node -xyz', 'json')).toBe("unknown shorthand flag: 'x' in -xyz");
    expect(flagError('dcos marathon app list -qz', 'quiet')).toBe("unknown shorthand flag: 'z' in -z");
    // -q is --quiet only where the command has --quiet.
    expect(flagError('dcos node -q', 'json')).toBe("unknown shorthand flag: 'q' in -q");
    expect(parseLine('dcos marathon app list -qh', only('quiet')).flags).toEqual({ quiet: true, help: true });
  });

  it('stops at the first bad flag, as pflag does', () => {
    expect(flagError('dcos node --a --b', 'json')).toBe('unknown flag: --a');
    expect(flagError('dcos node -z --b', 'json')).toBe("unknown shorthand flag: 'z' in -z");
  });

  it('wants a value after a value flag', () => {
    expect(flagError('dcos task log abc --lines', 'lines')).toBe('flag needs an argument: --lines');
    // pflag takes the next word, whatever it looks like.
    expect(parseLine('dcos task log abc --lines --json', only('lines')).flags).toEqual({ lines: '--json' });
  });

  it('reads true and false after = on a boolean flag, as strconv.ParseBool does', () => {
    expect(parseLine('dcos node --json=false', only('json')).flags).toEqual({});
    expect(parseLine('dcos node --json=T', only('json')).flags).toEqual({ json: true });
    expect(parseLine('dcos marathon app list -q=0', only('quiet')).flags).toEqual({});
    expect(flagError('dcos node --json=yes', 'json')).toBe(
      'invalid argument "yes" for "--json" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    );
    expect(flagError('dcos marathon app list --quiet=constructor', 'quiet')).toBe(
      'invalid argument "constructor" for "-q, --quiet" flag: strconv.ParseBool: parsing "constructor": invalid syntax',
    );
  });

  it('refuses bad flag syntax', () => {
    expect(flagError('dcos node ---json', 'json')).toBe('bad flag syntax: ---json');
    expect(flagError('dcos node --=x', 'json')).toBe('bad flag syntax: --=x');
  });

  it('takes no flags after --', () => {
    const p = parseLine('dcos task -- --odd -x', only());
    expect(p.flagError).toBeUndefined();
    expect(p.words).toEqual(['dcos', 'task', '--odd', '-x']);
  });
});

/** `dcos.jsonitem.parse_json_item` and `_find_type` (python/lib/dcos/dcos/jsonitem.py at 2.2-patch.0). */
describe('parseProperties', () => {
  it('reads an int, a float, a boolean (any case), a JSON array or object, else the text; null is None', () => {
    expect(parseProperties(['instances=3', 'cmd=sleep 10', 'env={"A":"1"}', 'x=True', 'c=0.5', 'n=null', 'a=[1]'])).toEqual({
      body: { instances: 3, cmd: 'sleep 10', env: { A: '1' }, x: true, c: 0.5, n: null, a: [1] },
    });
  });

  it('drops one pair of surrounding quotes before reading the value, so a quoted number is a number', () => {
    expect(parseProperties([`a="3"`, `b='x y'`, 'c=""'])).toEqual({ body: { a: 3, b: 'x y', c: '' } });
  });

  it("rejects items without = and repeated keys with the Python CLI's words (repr of the text)", () => {
    expect(parseProperties(['instances'])).toEqual({ error: "'instances' is not a valid json-item" });
    expect(parseProperties(['a=1', 'a=2'])).toEqual({ error: "Key 'a' was specified more than once" });
  });
});

/** pflag's IntVar: `strconv.ParseInt(s, 0, 64)` and its error (`--lines`, `--max-count`). */
describe('intFlag', () => {
  it('reads decimal, 0x, 0b, 0o and leading-0 octal as ParseInt with base 0 does', () => {
    const read = (v: string) => intFlag({ lines: v }, 'lines', 10);
    expect([read('42'), read('-7'), read('0x10'), read('0b11'), read('0o17'), read('010')]).toEqual(
      [42, -7, 16, 3, 15, 8].map((value) => ({ value, changed: true })),
    );
    expect(intFlag({}, 'lines', 10)).toEqual({ value: 10, changed: false });
  });

  it('refuses what ParseInt refuses, in pflag words', () => {
    expect(intFlag({ lines: '1.5' }, 'lines', 10)).toEqual({
      error: 'invalid argument "1.5" for "--lines" flag: strconv.ParseInt: parsing "1.5": invalid syntax',
    });
    expect(intFlag({ lines: '9'.repeat(20) }, 'lines', 10)).toEqual({
      error: `invalid argument "${'9'.repeat(20)}" for "--lines" flag: strconv.ParseInt: parsing "${'9'.repeat(20)}": value out of range`,
    });
  });
});
