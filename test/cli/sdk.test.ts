/**
 * `dcos kafka plan|pod|endpoints`: dcos-commons' default service CLI (cli/queries/{plan,pod,endpoints}.go) over a
 * booted sandbox with Kafka installed, and over fixed answers for what the sandbox's scheduler does not serve.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/index.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { agent } from '../support/cluster.ts';
import { boot } from '../support/marathon.ts';
import { fixedApi, json } from './support.ts';

const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const kingpin = (message: string, module = 'kafka') => ({
  stdout: '',
  stderr: `dcos-${module}: error: ${message}, try --help\n`,
  exitCode: 1,
});

/** `defaultResponseCheck`'s 404, with the answer's bytes. */
const notFound = (url: string, body: string, service = 'kafka', module = 'kafka') =>
  kingpin(
    `\nGot 404 Not Found response from https://master.mesos/service/${url}:\n` +
      '- The service scheduler may have been unable to find an item that was specified in your request.\n' +
      `- The DC/OS cluster may have been unable to find a service named "${service}". Specify a service name with '--name=<name>', or with 'dcos config set ${module}.service_name <name>'. For more syntax information\n` +
      `Response data (${new TextEncoder().encode(body).length} bytes): ${body}\nHTTP query failed`,
    module,
  );

const ALREADY = kingpin('Cannot execute command. Command has already been issued or the plan has completed');

async function kafkaCluster(): Promise<Sandbox> {
  return boot(
    [1, 2, 3, 4].map((i) => agent(`a${i}`, { cpus: 8, mem: 16384, disk: 40000 })),
    { marathon: { role: 'slave_public' } },
  );
}

const install = (sb: Sandbox) =>
  sb.request({ method: 'POST', path: '/package/install', body: { packageName: 'kafka', options: { brokers: { count: 3 } } } });

function advance(sb: Sandbox, seconds: number): void {
  for (let t = 0; t < seconds; t++) sb.advance(1000);
}

function untilDeployed(sb: Sandbox): void {
  for (let t = 0; sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' }).status !== 200; t++) {
    if (t > 600) throw new Error('deploy plan not complete');
    sb.advance(1000);
  }
}

const dcosOf = (sb: Sandbox) => (line: string) => runCommand(line, (req) => sb.request(req));

const COMPLETE_TREE =
  'deploy (serial strategy) (COMPLETE)\n' +
  '└─ broker (serial strategy) (COMPLETE)\n' +
  '   ├─ kafka-0:[broker] (COMPLETE)\n' +
  '   ├─ kafka-1:[broker] (COMPLETE)\n' +
  '   └─ kafka-2:[broker] (COMPLETE)\n';

describe('dcos kafka before the service is installed', () => {
  it("fails on Admin Router's 404 as the SDK client does, naming the service and --name", async () => {
    const dcos = dcosOf(await kafkaCluster());
    expect(await dcos('dcos kafka plan list')).toEqual(notFound('kafka/v1/plans', 'Not Found'));
    expect(await dcos('dcos cassandra pod status')).toEqual(notFound('cassandra/v1/pod/status', 'Not Found', 'cassandra', 'cassandra'));
    expect(await dcos('dcos kafka --name=kafka-2 endpoints')).toEqual(notFound('kafka-2/v1/endpoints', 'Not Found', 'kafka-2'));
    expect(await dcos('dcos kafka plan status deploy --name dev/kafka')).toEqual(
      notFound('dev/kafka/v1/plans/deploy', 'Not Found', 'dev/kafka'),
    );
  });

  it("kingpin's argument errors come first, without a call", async () => {
    const { calls, dcos } = fixedApi({});
    expect(await dcos('dcos kafka plan status')).toEqual(kingpin("required argument 'plan' not provided"));
    expect(await dcos('dcos kafka plan force-complete deploy broker')).toEqual(kingpin("required argument 'step' not provided"));
    expect(await dcos('dcos kafka pod restart')).toEqual(kingpin("required argument 'pod' not provided", 'kafka'));
    expect(await dcos('dcos hdfs plan list deploy')).toEqual(kingpin("unexpected 'deploy'", 'hdfs'));
    expect(await dcos('dcos elastic plan pause deploy phase extra')).toEqual(kingpin("unexpected 'extra'", 'elastic'));
    expect(calls).toEqual([]);
  });
});

describe('dcos kafka plan', () => {
  it('status: the tree while the deploy plan is in progress, then complete; --json is the answer indented', async () => {
    const sb = await kafkaCluster();
    const dcos = dcosOf(sb);
    install(sb);
    advance(sb, 6);
    // kafka-0's broker runs; its readiness check (every 60 s) has not passed yet.
    expect(await dcos('dcos kafka plan status deploy')).toEqual(
      out(
        'deploy (serial strategy) (STARTED)\n' +
          '└─ broker (serial strategy) (STARTED)\n' +
          '   ├─ kafka-0:[broker] (STARTED)\n' +
          '   ├─ kafka-1:[broker] (PENDING)\n' +
          '   └─ kafka-2:[broker] (PENDING)\n',
      ),
    );
    untilDeployed(sb);
    expect(await dcos('dcos kafka plan status deploy')).toEqual(out(COMPLETE_TREE));
    expect(await dcos('dcos kafka plan show deploy')).toEqual(out(COMPLETE_TREE));
    const api = sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' }).body;
    expect(await dcos('dcos kafka plan status deploy --json')).toEqual(out(`${JSON.stringify(api, null, 2)}\n`));
    expect(await dcos('dcos kafka plan list')).toEqual(out('[\n  "deploy",\n  "recovery"\n]\n'));
    expect(await dcos('dcos kafka plan status bogus')).toEqual(notFound('kafka/v1/plans/bogus', 'Plan bogus not found'));
  });

  it('pause, resume, force-complete, force-restart: their sentences, 208 and 404', async () => {
    const sb = await kafkaCluster();
    const dcos = dcosOf(sb);
    install(sb);
    advance(sb, 6);
    expect(await dcos('dcos kafka plan pause deploy')).toEqual(out('"deploy" plan has been paused.\n'));
    expect((await dcos('dcos kafka plan status deploy')).stdout.split('\n')[0]).toBe('deploy (serial strategy) (WAITING)');
    expect(await dcos('dcos kafka plan interrupt deploy')).toEqual(ALREADY);
    expect(await dcos('dcos kafka plan resume deploy')).toEqual(out('"deploy" plan has been resumed.\n'));
    expect(await dcos('dcos kafka plan continue deploy')).toEqual(ALREADY);
    expect(await dcos('dcos kafka plan pause deploy broker')).toEqual(out('"deploy" plan: phase "broker" has been paused.\n'));
    expect(await dcos('dcos kafka plan resume deploy broker')).toEqual(out('"deploy" plan: phase "broker" has been resumed.\n'));
    expect(await dcos('dcos kafka plan pause deploy bogus')).toEqual(
      notFound('kafka/v1/plans/deploy/interrupt?phase=bogus', 'Phase bogus not found'),
    );
    expect(await dcos('dcos kafka plan force-complete deploy broker kafka-2:[broker]')).toEqual(
      out('"deploy" plan: step "kafka-2:[broker]" in phase "broker" has been forced to complete.\n'),
    );
    expect(await dcos('dcos kafka plan force deploy broker kafka-2:[broker]')).toEqual(ALREADY);
    expect(await dcos('dcos kafka plan force-complete deploy broker kafka-7:[broker]')).toEqual(
      notFound('kafka/v1/plans/deploy/forceComplete?phase=broker&step=kafka-7%3A%5Bbroker%5D', 'Step kafka-7:[broker] not found'),
    );
    untilDeployed(sb);
    expect(await dcos('dcos kafka plan force-restart deploy broker kafka-0:[broker]')).toEqual(
      out('"deploy" plan: step "kafka-0:[broker]" in phase "broker" has been restarted.\n'),
    );
    expect(await dcos('dcos kafka plan restart deploy broker')).toEqual(out('"deploy" plan: phase "broker" has been restarted.\n'));
    expect(await dcos('dcos kafka plan force-restart deploy')).toEqual(out('"deploy" plan has been restarted.\n'));
    expect(await dcos('dcos kafka plan force-restart nope')).toEqual(notFound('kafka/v1/plans/nope/restart', 'Plan nope not found'));
  });

  it('start and stop print the answer', async () => {
    const sb = await kafkaCluster();
    const dcos = dcosOf(sb);
    install(sb);
    untilDeployed(sb);
    expect(await dcos('dcos kafka plan stop deploy')).toEqual(out('{\n  "message": "Received cmd: stop"\n}\n'));
    expect(await dcos('dcos kafka plan start deploy')).toEqual(out('{\n  "message": "Received cmd: start"\n}\n'));
  });

  it('a plan with errors (417) is still shown, its errors listed; a message-less answer "could not"', async () => {
    const plan = {
      phases: [
        {
          id: 'p1',
          name: 'node-deploy',
          strategy: 'serial',
          status: 'ERROR',
          steps: [{ id: 's1', name: 'node-0:[server]', status: 'ERROR' }],
        },
        { id: 'p2', name: 'keyspace-deploy', strategy: 'parallel', status: 'PENDING', steps: [] },
      ],
      errors: ['Attempted to change volume size'],
      strategy: 'serial',
      status: 'ERROR',
    };
    const { dcos, calls } = fixedApi({
      'GET /service/cassandra/v1/plans/deploy': json(plan, 417),
      'POST /service/cassandra/v1/plans/deploy/restart?phase=node-deploy&step=node-0%3A%5Bserver%5D': json({}),
    });
    expect(await dcos('dcos cassandra plan status deploy')).toEqual(
      out(
        'deploy (serial strategy) (ERROR)\n' +
          '├─ node-deploy (serial strategy) (ERROR)\n' +
          '│  └─ node-0:[server] (ERROR)\n' +
          '└─ keyspace-deploy (parallel strategy) (PENDING)\n' +
          '\nErrors:\n- Attempted to change volume size\n',
      ),
    );
    expect(await dcos('dcos cassandra plan force-restart deploy node-deploy node-0:[server]')).toEqual(
      out('"deploy" plan: step "node-0:[server]" in phase "node-deploy" could not be restarted.\n'),
    );
    expect(calls.at(-1)).toEqual({
      method: 'POST',
      path: '/service/cassandra/v1/plans/deploy/restart?phase=node-deploy&step=node-0%3A%5Bserver%5D',
    });
  });
});

describe('dcos kafka pod and endpoints', () => {
  it('list, status (tree and --json), restart, replace', async () => {
    const sb = await kafkaCluster();
    const dcos = dcosOf(sb);
    install(sb);
    untilDeployed(sb);
    expect(await dcos('dcos kafka pod list')).toEqual(out('[\n  "kafka-0",\n  "kafka-1",\n  "kafka-2"\n]\n'));
    expect(await dcos('dcos kafka pod status')).toEqual(
      out(
        'kafka\n' +
          '└─ kafka\n' +
          '   ├─ kafka-0\n' +
          '   │  └─ kafka-0-broker (RUNNING)\n' +
          '   ├─ kafka-1\n' +
          '   │  └─ kafka-1-broker (RUNNING)\n' +
          '   └─ kafka-2\n' +
          '      └─ kafka-2-broker (RUNNING)\n',
      ),
    );
    const api = sb.request({ method: 'GET', path: '/service/kafka/v1/pod/status' }).body;
    expect(await dcos('dcos kafka pod status --json')).toEqual(out(`${JSON.stringify(api, null, 2)}\n`));
    expect(await dcos('dcos kafka pod restart kafka-1')).toEqual(
      out('{\n  "pod": "kafka-1",\n  "tasks": [\n    "kafka-1-broker"\n  ]\n}\n'),
    );
    expect(await dcos('dcos kafka pod replace kafka-2')).toEqual(
      out('{\n  "pod": "kafka-2",\n  "tasks": [\n    "kafka-2-broker"\n  ]\n}\n'),
    );
    expect(await dcos('dcos kafka pod restart kafka-9')).toEqual(notFound('kafka/v1/pod/kafka-9/restart', 'Pod kafka-9 not found'));
    expect(await dcos('dcos kafka endpoints')).toEqual(out('[\n  "broker"\n]\n'));
    expect(await dcos('dcos kafka endpoint')).toEqual(out('[\n  "broker"\n]\n'));
  });

  it('status of one pod is its own tree; an endpoint is printed as sent', async () => {
    const { dcos, calls } = fixedApi({
      '/service/kafka/v1/pod/kafka-0/status': json({
        name: 'kafka-0',
        tasks: [
          { id: 't1', name: 'kafka-0-broker', status: 'RUNNING' },
          { id: 't2', name: 'kafka-0-sidecar', status: '' },
        ],
      }),
      '/service/kafka/v1/endpoints/broker': { status: 200, body: '{"vip": "broker.kafka.l4lb.thisdcos.directory:9092"}' },
      '/service/kafka/v1/pod': { status: 200, body: 'not json' },
    });
    expect(await dcos('dcos kafka pod status kafka-0')).toEqual(
      out('kafka-0\n├─ kafka-0-broker (RUNNING)\n└─ kafka-0-sidecar (<UNKNOWN>)\n'),
    );
    expect(await dcos('dcos kafka endpoints broker')).toEqual(out('{"vip": "broker.kafka.l4lb.thisdcos.directory:9092"}\n\n'));
    expect(await dcos('dcos kafka pod list')).toEqual(
      out(
        "Failed to prettify JSON response data: invalid character 'n' looking for beginning of value\nOriginal data follows:\nnot json\n",
      ),
    );
    expect(calls.map((c) => c.path)).toEqual([
      '/service/kafka/v1/pod/kafka-0/status',
      '/service/kafka/v1/endpoints/broker',
      '/service/kafka/v1/pod',
    ]);
  });

  it('a 500 from the scheduler: "Could not reach the service scheduler"', async () => {
    const { dcos } = fixedApi({ '/service/kafka/v1/plans': { status: 502, body: '' } });
    expect(await dcos('dcos kafka plan list')).toEqual(
      kingpin(
        "\nCould not reach the service scheduler with name 'kafka':\n" +
          '- Was the service recently installed or updated? It may still be initializing, wait a bit and try again.\n' +
          "- Did you provide the correct service name? Specify a service name with '--name=<name>', or with 'dcos config set kafka.service_name <name>'. For more syntax information",
      ),
    );
  });
});

describe('dcos package install of an SDK package', () => {
  it('installs its CLI subcommand as upstream says', async () => {
    const sb = await kafkaCluster();
    const r = await dcosOf(sb)('dcos package install kafka --yes --options=o.json {"brokers":{"count":3}}');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(
      'Installing Marathon app for package [kafka] version [2.10.0-2.4.0]\n' +
        'Installing CLI subcommand for package [kafka] version [2.10.0-2.4.0]\n' +
        'New commands available: kafka\n',
    );
    expect(r.stderr).not.toContain('installs no CLI plugins');
    const cli = await dcosOf(sb)('dcos package install kafka --cli --yes');
    expect(
      cli.stderr.endsWith('Installing CLI subcommand for package [kafka] version [2.10.0-2.4.0]\nNew commands available: kafka\n'),
    ).toBe(true);
  });
});
