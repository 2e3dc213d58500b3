/**
 * The two table styles of dcos-core-cli 2.2 and the value formats around them. Expected texts are worked out
 * from the upstream rules: olekukonko/tablewriter 0.0.4 as dcos-cli 1.2's `cli.NewTable` sets it up
 * (vendor/github.com/dcos/dcos-cli/pkg/cli/table.go), and PrettyTable 0.7.2 as `dcoscli/tables.py`
 * `truncate_table` sets it up (no border, right padding of 2).
 */
import { describe, expect, it } from 'vitest';
import { goFloat, goJson, humanizeFtoa } from '../../src/cli/go.ts';
import { pyJson, pyStr } from '../../src/cli/python.ts';
import { renderGoTable, renderPyTable } from '../../src/cli/table.ts';

describe('renderGoTable (tablewriter 0.0.4, borderless)', () => {
  it('centres headers, right-aligns decimal cells only ("12.50%" stays left) and fills short cells with two spaces', () => {
    const out = renderGoTable(
      ['NAME', 'N', 'PCT'],
      [
        ['a', '7', '12.50%'],
        ['bb\ncc', '10', '-'],
      ],
    );
    expect(out).toBe(['  NAME  N    PCT    ', '  a      7  12.50%  ', '  bb    10  -       ', '  cc                ', ''].join('\n'));
  });

  it('aligns every cell left after SetAlignment(ALIGN_LEFT), and prints the header alone for no rows', () => {
    expect(renderGoTable(['ID', 'MEM'], [['/a', '7']], { alignLeft: true })).toBe('  ID  MEM  \n  /a  7    \n');
    expect(renderGoTable(['A', 'B'], [])).toBe('  A  B  \n');
  });

  it("titles headers as tablewriter's Title does (underscores to spaces)", () => {
    expect(renderGoTable(['ENFORCE_ROLE'], [['x']])).toBe('  ENFORCE ROLE  \n  x             \n');
  });
});

describe('renderPyTable (PrettyTable 0.7.2, borderless, right padding 2)', () => {
  it('sorts by the key column, centres unaligned columns and keeps two trailing spaces on every line', () => {
    const out = renderPyTable(
      ['ID', 'N', 'FLAG'],
      [
        ['/b', '3', 'True'],
        ['/a\n |-x', '12', 'False'],
      ],
      { sortBy: 'ID', align: { ID: 'l', FLAG: 'r' } },
    );
    expect(out).toBe(['ID    N    FLAG  ', '/a    12  False  ', ` |-x${' '.repeat(13)}`, '/b    3    True  ', ''].join('\n'));
  });

  it('centres like str.center: the odd space goes left for even-length text, right for odd-length', () => {
    expect(renderPyTable(['AB'], [['abcde']])).toBe('  AB   \nabcde  \n');
    expect(renderPyTable(['ABC'], [['abcdef']])).toBe(' ABC    \nabcdef  \n');
  });

  it('prints nothing at all for no rows', () => {
    expect(renderPyTable(['A'], [])).toBe('');
  });
});

describe('values', () => {
  it("shows cells as Python's str() does", () => {
    expect([true, false, null, 0.5, 3, 0.00001, 1.5e-7, ['a', "b'c"], { k: 1 }].map(pyStr)).toEqual([
      'True',
      'False',
      'None',
      '0.5',
      '3',
      '1e-05',
      '1.5e-07',
      "['a', \"b'c\"]",
      "{'k': 1}",
    ]);
  });

  it('writes JSON as json.dumps(sort_keys=True, indent=2) with ensure_ascii', () => {
    expect(pyJson({ b: [1, { d: 'é', c: null }], a: {} })).toBe(
      '{\n  "a": {},\n  "b": [\n    1,\n    {\n      "c": null,\n      "d": "\\u00e9"\n    }\n  ]\n}\n',
    );
  });

  it("writes JSON as Go's encoder with a four-space indent: <, > and & escaped, keys in the given order", () => {
    expect(goJson({ z: 'a && <b>', a: [] })).toBe('{\n    "z": "a \\u0026\\u0026 \\u003cb\\u003e",\n    "a": []\n}\n');
  });

  it("formats floats as Go's %v (exponent from 1e6) and go-humanize's Ftoa", () => {
    expect([0.5, 16, 123456, 1e6, 0.00001].map(goFloat)).toEqual(['0.5', '16', '123456', '1e+06', '1e-05']);
    expect([2, 0.5, 128.25, 0.1 + 0.2, 1e-7].map(humanizeFtoa)).toEqual(['2', '0.5', '128.25', '0.3', '0']);
  });
});
