/**
 * `dcos kafka describe|update …`: dcos-commons' default service CLI (cli/commands/update.go, cli/queries/package.go,
 * cli/client/cosmos.go) over a booted sandbox with Kafka installed, and over fixed Cosmos answers for what the
 * sandbox's Cosmos does not answer (Enterprise errors, broken bodies).
 */
import { describe, expect, it } from 'vitest';
import { completions, runCommand } from '../../src/cli/index.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { agent } from '../support/cluster.ts';
import { boot } from '../support/marathon.ts';
import { fixedApi, json } from './support.ts';

const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const kingpin = (message: string, stdout = '', module = 'kafka') => ({
  stdout,
  stderr: `dcos-${module}: error: ${message}, try --help\n`,
  exitCode: 1,
});

const notFound = (service: string, module = 'kafka') =>
  kingpin(
    `Unable to find the service named '${service}'.\nPossible causes:\n` +
      `- Did you provide the correct service name? Specify a service name with '--name=<name>', or with 'dcos config set ${module}.service_name <name>'.\n` +
      '- Was the service recently installed or updated? It may still be initializing, wait a bit and try again.',
    '',
    module,
  );

const MEDIA = (op: string, kind: string) => `application/vnd.dcos.service.${op}-${kind}+json;charset=utf-8;version=v1`;
const STARTED = (name = 'kafka') => `Update started. Please use \`dcos kafka --name=${name} update status\` to view progress.\n`;

async function kafka(): Promise<Sandbox> {
  const sb = await boot(
    [1, 2, 3, 4, 5].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 })),
    { marathon: { role: 'slave_public' } },
  );
  sb.request({ method: 'POST', path: '/package/install', body: { packageName: 'kafka', options: { brokers: { count: 3 } } } });
  untilPlan(sb, 200);
  return sb;
}

/** Marathon done with the scheduler's app, then the deploy plan answering `status` (with that many steps). */
function untilPlan(sb: Sandbox, status: number, steps?: number): void {
  const done = () => {
    const deployments = sb.request({ method: 'GET', path: '/marathon/v2/deployments' }).body as unknown[];
    if (deployments.length > 0) return false;
    const res = sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' });
    const phases = (res.body as { phases?: { steps: unknown[] }[] } | null)?.phases;
    return res.status === status && (steps === undefined || phases?.[0]?.steps.length === steps);
  };
  for (let t = 0; !done(); t++) {
    if (t > 900) throw new Error(`deploy plan not ${status}`);
    sb.advance(1000);
  }
}

const dcosOf = (sb: Sandbox) => (line: string) => runCommand(line, (req) => sb.request(req));

/** The deploy plan's tree: its status, its phase's, and each broker step's (`C` for COMPLETE). */
const tree = (status: string, phase: string, steps: string[], errors: string[] = []) =>
  `deploy (serial strategy) (${status})\n└─ broker (serial strategy) (${phase})\n` +
  steps.map((s, i) => `   ${i === steps.length - 1 ? '└─' : '├─'} kafka-${i}:[broker] (${s === 'C' ? 'COMPLETE' : s})\n`).join('') +
  (errors.length > 0 ? `\nErrors:\n${errors.map((e) => `- ${e}\n`).join('')}` : '');

describe('dcos kafka describe|update on the sandbox', () => {
  it('before the install: MarathonAppNotFound as the client words it', async () => {
    const sb = await boot([agent('a1', { cpus: 4, mem: 4096, disk: 1024 })]);
    const dcos = dcosOf(sb);
    expect(await dcos('dcos kafka describe')).toEqual(notFound('kafka'));
    expect(await dcos('dcos kafka update package-versions')).toEqual(notFound('kafka'));
    expect(await dcos('dcos cassandra --name=db update start --replace --options=o.json {}')).toEqual(notFound('db', 'cassandra'));
  });

  it('describe, package-versions, refusals, a grown and a refused shrunk configuration, and the deploy plan commands', async () => {
    const sb = await kafka();
    const dcos = dcosOf(sb);

    const described = await dcos('dcos kafka describe');
    expect(described.exitCode).toBe(0);
    const lines = described.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['{', '  "brokers": {', '    "count": 3,', '    "cpus": 1,', '    "disk": 5000,']);
    expect(lines.slice(-3)).toEqual(['  }', '}', '']);
    const resolved = (
      sb.request({ method: 'POST', path: '/cosmos/service/describe', body: { appId: '/kafka' } }).body as {
        resolvedOptions: Record<string, unknown>;
      }
    ).resolvedOptions;
    expect(JSON.parse(described.stdout)).toEqual(resolved);
    expect(lines.filter((l) => /^ {2}"/.test(l))).toEqual(['  "brokers": {', '  "kafka": {', '  "service": {']);

    expect(await dcos('dcos kafka update package-versions')).toEqual(
      out('Current package version is: 2.10.0-2.4.0\nNo valid package downgrade versions.\nNo valid package upgrade versions.\n'),
    );
    expect(await dcos('dcos kafka update start --package-version=0.1.0')).toEqual(
      kingpin('Could not execute command: Version Upgrades are an Enterprise DC/OS feature only (VersionUpgradeNotSupportedInOpen)'),
    );
    const message = 'instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])';
    const pad = ' '.repeat(message.length - 4);
    expect(await dcos('dcos kafka update start --options=o.json {"brokers": {"count": "x"}}')).toEqual(
      kingpin(
        'Unable to update kafka to requested configuration: options JSON failed validation.\n\n' +
          `Field          Error${pad}\n-----          -----${pad}\n/brokers/count ${message} `,
      ),
    );
    expect(await dcos('dcos kafka update start --options=o.json {"service": {"name": "other"}}')).toEqual(
      kingpin(
        'Could not update service name from "/kafka" to "/other".\n' +
          'The service name cannot be changed once installed. Ensure service.name is set to "/kafka" in options JSON.',
      ),
    );
    expect(await dcos('dcos kafka --name=nope update start --options=o.json {"brokers": {"count": 4}}')).toEqual(notFound('nope'));

    expect(await dcos('dcos kafka update status')).toEqual(out(tree('COMPLETE', 'COMPLETE', ['C', 'C', 'C'])));
    expect(await dcos('dcos kafka update start --options=o.json {"brokers": {"count": 4}}')).toEqual(out(STARTED()));
    untilPlan(sb, 200, 4);
    expect(await dcos('dcos kafka update show')).toEqual(out(tree('COMPLETE', 'COMPLETE', ['C', 'C', 'C', 'C'])));
    const raw = await dcos('dcos kafka update status --json');
    expect(raw.stdout.split('\n').slice(0, 2)).toEqual(['{', '  "phases": [']);
    expect(JSON.parse(raw.stdout)).toMatchObject({ status: 'COMPLETE', strategy: 'serial' });
    expect(JSON.parse((await dcos('dcos kafka describe')).stdout).brokers.count).toBe(4);

    // Fewer brokers: the scheduler keeps four and its deploy plan answers 417, which status prints anyway.
    expect(await dcos('dcos kafka update start --options=o.json {"brokers": {"count": 2}}')).toEqual(out(STARTED()));
    untilPlan(sb, 417);
    const error =
      "Field: 'PodSpec[name:kafka]'; Transition: '4' => '2'; Message: 'New config's PodSpec named 'kafka' has 2 tasks, expected >=4 tasks'; Fatal: false";
    expect(await dcos('dcos kafka update status')).toEqual(out(tree('ERROR', 'COMPLETE', ['C', 'C', 'C', 'C'], [error])));

    // Back to four, the options read from stdin (the JSON pasted after the command).
    expect(await dcos('dcos kafka update start --options=stdin {"brokers": {"count": 4}}')).toEqual(
      out(`Reading options from stdin...\n${STARTED()}`),
    );
    untilPlan(sb, 200);
    expect(await dcos('dcos kafka update status')).toEqual(out(tree('COMPLETE', 'COMPLETE', ['C', 'C', 'C', 'C'])));

    // A fifth broker, replacing the stored options: the plan commands while it deploys.
    expect(await dcos('dcos kafka update start --replace --options=o.json {"brokers": {"count": 5}}')).toEqual(out(STARTED()));
    untilPlan(sb, 202, 5);
    const ALREADY = kingpin('Cannot execute command. Command has already been issued or the plan has completed');
    expect(await dcos('dcos kafka update status')).toEqual(out(tree('IN_PROGRESS', 'IN_PROGRESS', ['C', 'C', 'C', 'C', 'STARTED'])));
    expect(await dcos('dcos kafka update pause')).toEqual(out('"deploy" plan has been paused.\n'));
    expect(await dcos('dcos kafka update interrupt')).toEqual(ALREADY);
    expect(await dcos('dcos kafka update status')).toEqual(out(tree('WAITING', 'WAITING', ['C', 'C', 'C', 'C', 'STARTED'])));
    expect(await dcos('dcos kafka update resume')).toEqual(out('"deploy" plan has been resumed.\n'));
    expect(await dcos('dcos kafka update continue')).toEqual(ALREADY);
    expect(await dcos('dcos kafka update force-restart')).toEqual(out('"deploy" plan has been restarted.\n'));
    expect(await dcos('dcos kafka update restart broker')).toEqual(out('"deploy" plan: phase "broker" has been restarted.\n'));
    expect(await dcos('dcos kafka update force-complete broker kafka-4:[broker]')).toEqual(
      out('"deploy" plan: step "kafka-4:[broker]" in phase "broker" has been forced to complete.\n'),
    );
    const body = 'Step kafka-9:[broker] not found';
    expect(await dcos('dcos kafka update force broker kafka-9:[broker]')).toEqual(
      kingpin(
        '\nGot 404 Not Found response from https://master.mesos/service/kafka/v1/plans/deploy/forceComplete?phase=broker&step=kafka-9%3A%5Bbroker%5D:\n' +
          '- The service scheduler may have been unable to find an item that was specified in your request.\n' +
          `- The DC/OS cluster may have been unable to find a service named "kafka". Specify a service name with '--name=<name>', or with 'dcos config set kafka.service_name <name>'. For more syntax information\n` +
          `Response data (${body.length} bytes): ${body}\nHTTP query failed`,
      ),
    );
    expect(await dcos('dcos kafka update show')).toEqual(out(tree('IN_PROGRESS', 'IN_PROGRESS', ['C', 'C', 'PENDING', 'PENDING', 'C'])));
  }, 60_000);
});

describe('dcos kafka update start: the request and the options file', () => {
  it("kingpin's errors, then the options' own, before any call", async () => {
    const { calls, dcos } = fixedApi({});
    expect(await dcos('dcos kafka describe extra')).toEqual(kingpin("unexpected 'extra'"));
    expect(await dcos('dcos kafka update status deploy')).toEqual(kingpin("unexpected 'deploy'"));
    expect(await dcos('dcos kafka update force-complete broker')).toEqual(kingpin("required argument 'step' not provided"));
    expect(await dcos('dcos kafka update start')).toEqual(kingpin('Either --options and/or --package-version must be specified'));
    expect(await dcos('dcos kafka update start --options=')).toEqual(
      kingpin('Either --options and/or --package-version must be specified'),
    );
    expect(await dcos('dcos kafka update start --options=o.json')).toEqual(
      kingpin('Failed to read specified options file o.json: open o.json: no such file or directory'),
    );
    expect(await dcos('dcos kafka update start --options=stdin')).toEqual(
      kingpin(
        'Failed to parse JSON in provided options: unexpected end of JSON input\nContent (0 bytes): ',
        'Reading options from stdin...\n',
      ),
    );
    expect(await dcos('dcos kafka update start --options=o.json [1, 2]')).toEqual(
      kingpin(
        'Failed to parse JSON in provided options: json: cannot unmarshal array into Go value of type map[string]interface {}\nContent (5 bytes): [1,2]',
      ),
    );
    expect(await dcos('dcos kafka update start --options=o.json ["é"]')).toEqual(
      kingpin(
        'Failed to parse JSON in provided options: json: cannot unmarshal array into Go value of type map[string]interface {}\nContent (6 bytes): ["é"]',
      ),
    );
    // A value that is no object or array is no pasted JSON: a word.
    expect(await dcos('dcos kafka update start --options=o.json null')).toEqual(kingpin("unexpected 'null'"));
    expect(calls).toEqual([]);
  });

  it('POSTs appId (the --name as given), the version, the options (left out when empty) and replace, in the service media types', async () => {
    const { calls, dcos } = fixedApi({ 'POST /cosmos/service/update': json({ package: {}, resolvedOptions: {} }) });
    expect(await dcos('dcos kafka --name=dev/kafka update start --options=o.json {"brokers": {"count": 4}}')).toEqual(
      out(STARTED('dev/kafka')),
    );
    expect(await dcos('dcos kafka update start --package-version=1.0.0 --replace')).toEqual(out(STARTED()));
    expect(await dcos('dcos kafka update start --options=o.json {}')).toEqual(out(STARTED()));
    const headers = { 'Content-Type': MEDIA('update', 'request'), Accept: MEDIA('update', 'response') };
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/cosmos/service/update',
        headers,
        body: { appId: 'dev/kafka', options: { brokers: { count: 4 } }, replace: false },
      },
      { method: 'POST', path: '/cosmos/service/update', headers, body: { appId: 'kafka', packageVersion: '1.0.0', replace: true } },
      { method: 'POST', path: '/cosmos/service/update', headers, body: { appId: 'kafka', replace: false } },
    ]);
    expect(Object.keys(calls[1]!.body as object)).toEqual(['appId', 'packageVersion', 'replace']);
  });

  it("an answer that is not a JSON object: the client's decode errors", async () => {
    const { dcos } = fixedApi({
      'POST /cosmos/service/update': { status: 200, body: 'ok' },
      'POST /cosmos/service/describe': { status: 200, body: '<html>' },
    });
    expect(await dcos('dcos kafka update start --options=stdin {"a": 1}')).toEqual(
      kingpin(
        "Failed to unmarshal response. Error: invalid character 'o' looking for beginning of value\nOriginal data:\nok",
        'Reading options from stdin...\n',
      ),
    );
    expect(await dcos('dcos kafka describe')).toEqual(
      kingpin("Failed to decode 'describe' response. Error: invalid character '<' looking for beginning of value\nOriginal data:\n<html>"),
    );
    const scalars = fixedApi({ 'POST /cosmos/service/update': json(true), 'POST /cosmos/service/describe': json(3) });
    expect(await scalars.dcos('dcos kafka update start --package-version=1')).toEqual(
      kingpin(
        'Failed to unmarshal response. Error: json: cannot unmarshal bool into Go value of type map[string]interface {}\nOriginal data:\ntrue',
      ),
    );
    expect(await scalars.dcos('dcos kafka describe')).toEqual(
      kingpin(
        "Failed to decode 'describe' response. Error: json: cannot unmarshal number into Go value of type queries.describeResponse\nOriginal data:\n3",
      ),
    );
    const arrays = fixedApi({ 'POST /cosmos/service/update': json([]), 'POST /cosmos/service/describe': json([]) });
    expect(await arrays.dcos('dcos kafka update start --package-version=1')).toEqual(
      kingpin(
        'Failed to unmarshal response. Error: json: cannot unmarshal array into Go value of type map[string]interface {}\nOriginal data:\n[]',
      ),
    );
    expect(await arrays.dcos('dcos kafka update package-versions')).toEqual(
      kingpin(
        "Failed to decode 'describe' response. Error: json: cannot unmarshal array into Go value of type queries.describeResponse\nOriginal data:\n[]",
      ),
    );
  });
});

describe('dcos kafka describe|update over fixed Cosmos answers', () => {
  it('describe: resolvedOptions with keys sorted and <>& escaped, else the two lines of an older Cosmos', async () => {
    const { calls, dcos } = fixedApi({
      'POST /cosmos/service/describe': json({ package: { version: '1' }, resolvedOptions: { z: [], b: { y: 'a<b>&c', x: {} }, a: 1.5 } }),
    });
    expect(await dcos('dcos kafka describe')).toEqual(
      out('{\n  "a": 1.5,\n  "b": {\n    "x": {},\n    "y": "a\\u003cb\\u003e\\u0026c"\n  },\n  "z": []\n}\n'),
    );
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/cosmos/service/describe',
        headers: { 'Content-Type': MEDIA('describe', 'request'), Accept: MEDIA('describe', 'response') },
        body: { appId: 'kafka' },
      },
    ]);
    const older = fixedApi({ 'POST /cosmos/service/describe': json({ package: { version: '1' }, resolvedOptions: {} }) });
    expect(await older.dcos('dcos hdfs --name=h describe')).toEqual(
      out(
        'Package configuration is not available for service h.\nThis command is only available for packages installed with Enterprise DC/OS 1.10 or newer.\n',
      ),
    );
    const none = fixedApi({ 'POST /cosmos/service/describe': json(null) });
    expect(await none.dcos('dcos kafka update package-versions')).toEqual(
      out('Current package version is: \nNo valid package downgrade versions.\nNo valid package upgrade versions.\n'),
    );
  });

  it('package-versions: the lists', async () => {
    const { dcos } = fixedApi({
      'POST /cosmos/service/describe': json({ package: { version: '2.0.0' }, upgradesTo: ['2.1.0', '3.0.0'], downgradesTo: ['1.9.0'] }),
    });
    expect(await dcos('dcos kafka update package-versions')).toEqual(
      out('Current package version is: 2.0.0\nPackage can be downgraded to:\n- 1.9.0\nPackage can be upgraded to:\n- 2.1.0\n- 3.0.0\n'),
    );
  });

  it("Cosmos' errors: 404 an older DC/OS, 400 by type, 500 the answer, the rest by the default check", async () => {
    const answers: Record<string, { status: number; body: unknown }> = {};
    const { dcos } = fixedApi({ 'POST /cosmos/service/update': () => answers['update']! });
    const start = async (answer: { status: number; body: unknown }) => {
      answers['update'] = answer;
      return dcos('dcos kafka update start --package-version=9.9.9');
    };
    const url = 'https://master.mesos/cosmos/service/update';
    expect(await start({ status: 404, body: { message: 'Not Found' } })).toEqual(
      kingpin('This command requires Enterprise DC/OS 1.10 or newer.'),
    );
    expect(await start({ status: 500, body: 'boom' })).toEqual(
      kingpin(`HTTP POST Query for ${url} failed: 500 Internal Server Error\nResponse: boom`),
    );
    expect(await start({ status: 400, body: '' })).toEqual(
      kingpin(`HTTP POST Query for ${url} failed: 400 Bad Request`, 'Error unmarshalling Cosmos Error: unexpected end of JSON input\n'),
    );
    expect(await start({ status: 400, body: { message: 'no type' } })).toEqual(
      kingpin(`HTTP POST Query for ${url} failed: 400 Bad Request\nResponse: {"message":"no type"}`),
    );
    expect(
      await start({
        status: 400,
        body: { type: 'BadVersionUpdate', message: 'm', data: { updateVersion: '9.9.9', validVersions: ['1.0', '2.0'] } },
      }),
    ).toEqual(kingpin('Unable to update kafka to requested version: 9.9.9\nValid package versions are:\n- 1.0\n- 2.0'));
    expect(await start({ status: 400, body: { type: 'BadVersionUpdate', message: 'm', data: { updateVersion: '9.9.9' } } })).toEqual(
      kingpin('Unable to update kafka to requested version: 9.9.9\nNo valid package versions to update to.'),
    );
    expect(
      await start({
        status: 400,
        body: { type: 'JsonSchemaMismatch', message: 'm', data: { errors: [{ message: 'bad' }, { instance: { pointer: '/x' } }] } },
      }),
    ).toEqual(
      kingpin(
        'Unable to update kafka to requested configuration: options JSON failed validation.\n\nField Error \n----- ----- \n      bad   \n/x          ',
      ),
    );
    expect(await start({ status: 400, body: { type: 'Whatever', message: 'Something' } })).toEqual(
      kingpin('Could not execute command: Something (Whatever)'),
    );
    expect(await start({ status: 502, body: '' })).toEqual(
      kingpin(
        "\nCould not reach the service scheduler with name 'kafka':\n" +
          '- Was the service recently installed or updated? It may still be initializing, wait a bit and try again.\n' +
          "- Did you provide the correct service name? Specify a service name with '--name=<name>', or with 'dcos config set kafka.service_name <name>'. For more syntax information",
      ),
    );
    expect(await start({ status: 403, body: 'no' })).toEqual(
      kingpin(`HTTP POST Query for ${url} failed: 403 Forbidden\nResponse: no\nResponse data (2 bytes): no\nHTTP query failed`),
    );
  });

  it('help and completion list describe and update', async () => {
    expect(completions('dcos kafka ').candidates).toEqual(['describe', 'endpoint', 'endpoints', 'plan', 'pod', 'update']);
    expect(completions('dcos kafka update ').candidates).toEqual([
      'continue',
      'force',
      'force-complete',
      'force-restart',
      'interrupt',
      'package-versions',
      'pause',
      'restart',
      'resume',
      'show',
      'start',
      'status',
    ]);
    const { dcos } = fixedApi({});
    const help = await dcos('dcos kafka update start --help');
    expect(help.stdout.split('\n').slice(0, 4)).toEqual([
      'Launches an update operation',
      '',
      'Usage:',
      '    dcos kafka update start [--options=<file>] [--package-version=<version>] [--replace]',
    ]);
    expect((await dcos('dcos kafka --help')).stdout).toContain('    describe\n        View the configuration for this service\n');
    expect((await dcos('dcos kafka --help')).stdout).toContain(
      '    update\n        Updates the package version or configuration for this DC/OS service\n',
    );
  });
});
