import { describe, expect, it } from 'vitest';
import { cellText, renderTable, shorten } from '../../src/cli/table.ts';

describe('renderTable', () => {
  it('upper-cases headers, pads columns to the widest cell plus two spaces and trims line ends', () => {
    const out = renderTable(
      ['id', 'mem', 'cmd'],
      [
        ['/hello', 64, 'sleep 1000'],
        ['/a', 1024, 'x'],
      ],
    );
    expect(out).toBe(['ID      MEM   CMD', '/hello  64    sleep 1000', '/a      1024  x', ''].join('\n'));
  });

  it('right-aligns the columns it is told to, and spreads multi-line cells over several lines', () => {
    const out = renderTable(
      ['APP', 'N'],
      [
        ['/a\n/b', 3],
        ['/c', 12],
      ],
      { align: { N: 'r' } },
    );
    expect(out.split('\n')).toEqual(['APP   N', '/a    3', '/b', '/c   12', '']);
  });

  it('prints a header alone for no rows', () => {
    expect(renderTable(['A', 'B'], [])).toBe('A  B\n');
  });
});

describe('cells', () => {
  it('shows values the way the Python CLI did', () => {
    expect([cellText(true), cellText(false), cellText(null), cellText(0.5), cellText([1])]).toEqual(['True', 'False', '---', '0.5', '[1]']);
  });

  it('shortens long commands on a word boundary', () => {
    expect(shorten('while true; do echo hello world; sleep 5; done', 35)).toBe('while true; do echo hello world;...');
    expect(shorten('short', 35)).toBe('short');
  });
});
