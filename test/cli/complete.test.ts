import { describe, expect, it } from 'vitest';
import { commandLines, completions } from '../../src/cli/index.ts';

const known = {
  appIds: ['/hello', '/web/api', '/web/db'],
  taskIds: ['hello.instance-aaa._app.1', 'hello.instance-bbb._app.1', 'load.0001-0'],
  hostnames: ['a1', 'a2'],
  nodeIds: ['M-S0', 'M-S1'],
  deploymentIds: ['d-1', 'd-2'],
};

describe('completions', () => {
  it('completes the program and command words', () => {
    expect(completions('dc')).toEqual({ start: 0, candidates: ['dcos'], common: 'dcos' });
    expect(completions('dcos ').candidates).toEqual([
      'auth',
      'cassandra',
      'elastic',
      'hdfs',
      'help',
      'job',
      'kafka',
      'marathon',
      'node',
      'package',
      'quota',
      'security',
      'service',
      'spark',
      'task',
    ]);
    expect(completions('dcos quota ').candidates).toEqual(['create', 'delete', 'get', 'list', 'update']);
    expect(completions('dcos ma')).toEqual({ start: 5, candidates: ['marathon'], common: 'marathon' });
    // marathon.go's subcommands, but `plugin` (not simulated).
    expect(completions('dcos marathon ').candidates).toEqual([
      'about',
      'app',
      'debug',
      'delay',
      'deployment',
      'group',
      'leader',
      'ping',
      'pod',
      'task',
    ]);
    expect(completions('dcos marathon app re')).toEqual({ start: 18, candidates: ['remove', 'restart'], common: 're' });
    expect(completions('dcos help mar').candidates).toEqual(['marathon']);
  });

  it('completes app ids with or without the leading slash', () => {
    expect(completions('dcos marathon app show ', known).candidates).toEqual(['/hello', '/web/api', '/web/db']);
    expect(completions('dcos marathon app show /w', known)).toEqual({ start: 23, candidates: ['/web/api', '/web/db'], common: '/web/' });
    expect(completions('dcos marathon app restart he', known).candidates).toEqual(['/hello']);
    // Only the first argument of show is an id.
    expect(completions('dcos marathon app show /hello ', known).candidates).toEqual([]);
  });

  it('completes task ids, node hostnames and ids, and deployment ids', () => {
    expect(completions('dcos task log hello', known)).toMatchObject({
      candidates: ['hello.instance-aaa._app.1', 'hello.instance-bbb._app.1'],
      common: 'hello.instance-',
    });
    expect(completions('dcos task ', known).candidates).toEqual(
      ['attach', 'download', 'exec', 'list', 'log', 'ls', 'metrics', ...known.taskIds].sort(),
    );
    expect(completions('dcos node drain ', known).candidates).toEqual(['M-S0', 'M-S1', 'a1', 'a2']);
    expect(completions('dcos marathon deployment rollback d', known).candidates).toEqual(['d-1', 'd-2']);
  });

  it('completes flags of the command being typed', () => {
    expect(completions('dcos marathon app list --j').candidates).toEqual(['--json']);
    expect(completions('dcos task --').candidates).toEqual(['--all', '--completed', '--help', '--json']);
    expect(completions('dcos task list --').candidates).toEqual(['--agent-id', '--all', '--completed', '--help', '--json', '--quiet']);
    expect(completions('dcos marathon app remove /a --f').candidates).toEqual(['--force']);
  });

  it('skips flags when finding the command, and completes inside an open quote', () => {
    expect(completions('dcos marathon app show --force /he', known).candidates).toEqual(['/hello']);
    expect(completions('dcos marathon app show "/he', known)).toMatchObject({ start: 23, candidates: ['/hello'] });
  });

  it('offers nothing inside a JSON body or after another program', () => {
    expect(completions('dcos marathon app add {"id": "/he', known).candidates).toEqual([]);
    expect(completions('ls /he', known).candidates).toEqual([]);
    expect(completions('dcos nope ', known).candidates).toEqual([]);
  });

  it('lists every command line', () => {
    const lines = commandLines();
    expect(lines).toContain('dcos marathon app list');
    expect(lines).toContain('dcos task log');
    expect(lines).toContain('dcos marathon deployment rollback');
  });
});
