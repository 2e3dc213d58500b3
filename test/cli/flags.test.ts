/**
 * Every command's flags go through one rule: a flag the command does not declare is refused with pflag's
 * words (`Error: unknown flag: --bogus`, exit code 1, no usage), before anything reaches the cluster. The
 * text is dcos-core-cli's: cobra's flag error returned as is, printed by its main as `Error: %s`.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/index.ts';
import { COMMANDS } from '../../src/cli/registry.ts';
import type { ApiRequest } from '../../src/cli/types.ts';
import { cli, cluster } from './support.ts';

/** A request function that only counts: the refused lines must not call it. */
function counting() {
  const calls: ApiRequest[] = [];
  const request = (req: ApiRequest) => {
    calls.push(req);
    return { status: 503, body: 'no cluster here' };
  };
  return { calls, run: (line: string) => runCommand(line, request) };
}

const unknownFlag = (name: string) => ({ stdout: '', stderr: `Error: unknown flag: --${name}\n`, exitCode: 1 });

describe('unknown flags', () => {
  it('are refused by every command, with no API call', async () => {
    for (const spec of COMMANDS) {
      const { calls, run } = counting();
      const line = ['dcos', ...spec.path].join(' ');
      expect(await run(`${line} --bogus`), line).toEqual(unknownFlag('bogus'));
      expect(await run(`${line} --bogus=1`), line).toEqual(unknownFlag('bogus'));
      expect(await run(`${line} -x`), line).toEqual({ stdout: '', stderr: "Error: unknown shorthand flag: 'x' in -x\n", exitCode: 1 });
      expect(calls, line).toEqual([]);
    }
  });

  it('are refused by groups, the root and help, which take only --help', async () => {
    const { calls, run } = counting();
    for (const line of ['dcos', 'dcos marathon', 'dcos marathon app', 'dcos help', 'dcos help node'])
      expect(await run(`${line} --json`), line).toEqual(unknownFlag('json'));
    expect(calls).toEqual([]);
  });

  it('come after an unknown command, as cobra finds the command before it reads flags', async () => {
    const { run } = counting();
    expect((await run('dcos marathon ap --bogus')).stderr).toMatch(/^Error: unknown command "ap" for "dcos marathon"/);
  });

  it('refuse even with --help, as pflag reads every flag before cobra looks at --help', async () => {
    const { run } = counting();
    expect(await run('dcos marathon app list --help --bogus')).toEqual(unknownFlag('bogus'));
  });

  it('keep `app add --wat` from creating the app', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    expect(await dcos('dcos marathon app add --wat {"id": "/wat", "cmd": "sleep 1"}')).toEqual(unknownFlag('wat'));
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/wat' }).status).toBe(404);
    expect(await dcos('dcos marathon app list --bogus')).toEqual(unknownFlag('bogus'));
  });

  it("take a flag of one command as unknown to another (-q is --quiet's only where there is a --quiet)", async () => {
    const { run } = counting();
    expect(await run('dcos node -q')).toEqual({ stdout: '', stderr: "Error: unknown shorthand flag: 'q' in -q\n", exitCode: 1 });
    expect(await run('dcos node list -o json')).toEqual({ stdout: '', stderr: "Error: unknown shorthand flag: 'o' in -o\n", exitCode: 1 });
    expect(await run('dcos marathon app show /a --force')).toEqual(unknownFlag('force'));
    expect(await run('dcos quota list --cpu 1')).toEqual(unknownFlag('cpu'));
  });
});

describe('declared flags', () => {
  it('still work, in every form pflag takes', async () => {
    const sb = await cluster();
    const dcos = cli(sb);
    await dcos('dcos marathon app add {"id": "/hello", "cmd": "sleep 1000"}');
    expect((await dcos('dcos marathon app list -q')).stdout).toBe('/hello\n');
    expect((await dcos('dcos marathon app list --quiet=true')).stdout).toBe('/hello\n');
    // --quiet=false is no --quiet: the table.
    expect((await dcos('dcos marathon app list --quiet=false')).stdout).toMatch(/^ +ID +MEM/);
    expect(JSON.parse((await dcos('dcos node --json=1')).stdout)).toHaveLength(3);
    expect((await dcos('dcos marathon app list -qh')).stdout).toContain('Usage:');
  });

  it("report a value flag's missing value and a boolean flag's bad value", async () => {
    const { run } = counting();
    expect(await run('dcos task log abc --lines')).toEqual({
      stdout: '',
      stderr: 'Error: flag needs an argument: --lines\n',
      exitCode: 1,
    });
    expect((await run('dcos marathon app list --json=yes')).stderr).toBe(
      'Error: invalid argument "yes" for "--json" flag: strconv.ParseBool: parsing "yes": invalid syntax\n',
    );
  });
});
