import { describe, expect, it } from 'vitest';
import { completions, runCommand } from '../../src/cli/index.ts';
import {
  appendEntries,
  applyCompletion,
  caretOnFirstLine,
  caretOnLastLine,
  classifyLine,
  CommandHistory,
  echo,
  entry,
  isToggleKey,
  listing,
  resultEntries,
  shellWord,
} from '../../src/ui/components/terminal/terminal-state.ts';
import { fetchKnownIds, knownIdsFrom, KnownIdsCache } from '../../src/ui/components/terminal/known-ids.ts';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { cluster } from '../cli/support.ts';

const noMods = { altKey: false, ctrlKey: false, metaKey: false };

describe('terminal scrollback', () => {
  it('echoes a command with a prompt and continuation marks', () => {
    expect(echo('dcos node')).toBe('$ dcos node');
    expect(echo('dcos marathon app add\n{"id": "/a"}')).toBe('$ dcos marathon app add\n> {"id": "/a"}');
  });

  it('adds the echo, stdout and stderr without trailing newlines', () => {
    const out = resultEntries('dcos x', { stdout: 'a\nb\n', stderr: 'bad\n', exitCode: 1 });
    expect(out.map((e) => [e.kind, e.text])).toEqual([
      ['command', '$ dcos x'],
      ['stdout', 'a\nb'],
      ['stderr', 'bad'],
    ]);
    expect(resultEntries('dcos y', { stdout: '', stderr: '', exitCode: 0 })).toHaveLength(1);
    expect(resultEntries('dcos z', { stdout: '', stderr: '', exitCode: 3 })[1]).toMatchObject({ kind: 'stderr', text: 'exit status 3' });
  });

  it('keeps the newest entries, with unique ids', () => {
    let entries = [entry('info', 'hello')];
    for (let i = 0; i < 10; i++) entries = appendEntries(entries, [entry('stdout', String(i))], 4);
    expect(entries.map((e) => e.text)).toEqual(['6', '7', '8', '9']);
    expect(new Set(entries.map((e) => e.id)).size).toBe(4);
  });

  it('knows empty lines and clear', () => {
    expect(classifyLine('  ')).toBe('empty');
    expect(classifyLine(' clear ')).toBe('clear');
    expect(classifyLine('dcos node')).toBe('run');
  });
});

describe('command history', () => {
  it('walks back and forth and returns the draft at the end', () => {
    const h = new CommandHistory();
    h.push('dcos node');
    h.push('dcos task');
    h.push('dcos task'); // duplicate neighbour
    h.push('   '); // blank
    expect(h.items).toEqual(['dcos node', 'dcos task']);
    expect(h.down()).toBeNull();
    expect(h.up('dcos mar')).toBe('dcos task');
    expect(h.up('dcos task')).toBe('dcos node');
    expect(h.up('dcos node')).toBeNull();
    expect(h.down()).toBe('dcos task');
    expect(h.down()).toBe('dcos mar');
    expect(h.down()).toBeNull();
  });

  it('is bounded and restarts the walk after a push', () => {
    const h = new CommandHistory(2);
    h.push('a');
    h.push('b');
    h.up('');
    h.push('c');
    expect(h.items).toEqual(['b', 'c']);
    expect(h.up('')).toBe('c');
  });

  it('recalls history only from the first or last line of a multi-line input', () => {
    const v = 'dcos marathon app add\n{"id": "/a"}';
    expect(caretOnFirstLine(v, 5)).toBe(true);
    expect(caretOnFirstLine(v, v.length)).toBe(false);
    expect(caretOnLastLine(v, v.length)).toBe(true);
    expect(caretOnLastLine(v, 5)).toBe(false);
  });
});

describe('tab completion', () => {
  const known = { appIds: ['/hello', '/web/api', '/web/db'], taskIds: ['hello.instance-aaa._app.1'] };

  it('completes a single candidate with a space', () => {
    expect(applyCompletion('dcos ma', '', completions('dcos ma'))).toEqual({ value: 'dcos marathon ', caret: 14, listed: [] });
    expect(applyCompletion('dcos marathon app show hel', '', completions('dcos marathon app show hel', known)).value).toBe(
      'dcos marathon app show /hello ',
    );
  });

  it('inserts the common prefix of several and lists them', () => {
    const r = applyCompletion('dcos marathon app show w', '', completions('dcos marathon app show w', known));
    expect(r).toEqual({ value: 'dcos marathon app show /web/', caret: 28, listed: ['/web/api', '/web/db'] });
    const same = applyCompletion('dcos marathon app re', '', completions('dcos marathon app re'));
    expect(same).toEqual({ value: 'dcos marathon app re', caret: 20, listed: ['remove', 'restart'] });
  });

  it('keeps the text after the caret and leaves the line alone with no match', () => {
    expect(applyCompletion('dcos ma', ' --json', completions('dcos ma'))).toEqual({
      value: 'dcos marathon  --json',
      caret: 14,
      listed: [],
    });
    expect(applyCompletion('dcos zz', '', completions('dcos zz'))).toEqual({ value: 'dcos zz', caret: 7, listed: [] });
  });

  it('quotes words the shell would split', () => {
    expect(shellWord('/hello')).toBe('/hello');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});

describe('the toggle key', () => {
  it('is a bare backtick outside text fields', () => {
    expect(isToggleKey('`', noMods, false)).toBe(true);
    expect(isToggleKey('`', noMods, true)).toBe(false);
    expect(isToggleKey('`', { ...noMods, ctrlKey: true }, false)).toBe(false);
    expect(isToggleKey('~', noMods, false)).toBe(false);
  });
});

describe('known ids', () => {
  it('reads ids from the API bodies and skips what is not there', () => {
    const ids = knownIdsFrom({
      apps: { apps: [{ id: '/a' }, { nope: 1 }] },
      tasks: { tasks: [{ id: 't1' }] },
      slaves: {
        slaves: [
          { id: 'S0', hostname: 'a1' },
          { id: 'S1', hostname: 'a1' },
        ],
      },
      deployments: [{ id: 'd1' }],
      jobs: [{ id: 'backup' }, { id: '' }],
    });
    expect(ids).toEqual({
      appIds: ['/a'],
      taskIds: ['t1'],
      hostnames: ['a1'],
      nodeIds: ['S0', 'S1'],
      deploymentIds: ['d1'],
      jobIds: ['backup'],
    });
    expect(knownIdsFrom({ apps: 'x' })).toEqual({ appIds: [], taskIds: [], hostnames: [], nodeIds: [], deploymentIds: [], jobIds: [] });
  });

  it('reads them from a running cluster', async () => {
    const sb = await cluster();
    const request = (req: ApiRequest) => sb.request(req);
    const add = await runCommand(
      'dcos marathon app add {"id": "/hello", "instances": 2, "cpus": 0.1, "mem": 32, "cmd": "sleep 1000"}',
      request,
    );
    expect(add.exitCode).toBe(0);
    sb.advance(5000);
    const ids = await fetchKnownIds(request);
    expect(ids.appIds).toEqual(['/hello']);
    expect(ids.taskIds).toHaveLength(2);
    expect(ids.hostnames).toEqual(['a1', 'a2']);
    expect(ids.nodeIds).toHaveLength(2);
    expect(completions('dcos task log hel', ids).candidates).toEqual([...ids.taskIds!].sort());
    const job = await runCommand('dcos job add {"id": "backup", "run": {"cpus": 0.1, "mem": 32, "disk": 0, "cmd": "sleep 5"}}', request);
    expect(job.exitCode).toBe(0);
    const withJob = await fetchKnownIds(request);
    expect(withJob.jobIds).toEqual(['backup']);
    expect(completions('dcos job run ba', withJob).candidates).toEqual(['backup']);
    expect(completions('dcos job schedule show ', withJob).candidates).toEqual(['backup']);
  });

  it('are fetched once per time-to-live, and again after invalidate', async () => {
    let calls = 0;
    let now = 0;
    const request = async (req: ApiRequest): Promise<ApiResponse> => {
      calls++;
      return req.path.endsWith('/apps') ? { status: 200, body: { apps: [{ id: '/a' }] } } : { status: 500, body: null };
    };
    const cache = new KnownIdsCache(request, 1000, () => now);
    expect((await cache.get()).appIds).toEqual(['/a']);
    await cache.get();
    expect(calls).toBe(5);
    now = 1500;
    await cache.get();
    expect(calls).toBe(10);
    cache.invalidate();
    await cache.get();
    expect(calls).toBe(15);
  });
});

describe('listed candidates', () => {
  it('are capped with a count of the rest', () => {
    expect(listing(['a', 'b'], 5)).toEqual({ shown: ['a', 'b'], more: 0 });
    expect(listing(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b'], more: 1 });
  });
});
