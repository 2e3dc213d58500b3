/**
 * The `dcos marathon` commands dcos-core-cli 2.2 implements in Go, over fixed answers. Expected texts come
 * from the upstream format code and its own tests at tag 2.2-patch.0:
 * pkg/cmd/marathon/app/app_{list,kill,remove,restart,start,stop,show,version_list}.go (+ _test.go, add_app_test.go),
 * pkg/cmd/marathon/debug/debug_{list,summary,details}.go (+ _test.go), pkg/cmd/marathon/marathon_about.go,
 * pkg/marathon/client.go and go-marathon's error.go (vendored).
 */
import { describe, expect, it } from 'vitest';
import { fixedApi, json } from './support.ts';

const APPS = '/marathon/v2/apps';
const DEPLOYMENT = { deploymentId: '5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43', version: '2015-09-29T15:59:51.164Z' };
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });

describe('dcos marathon app list (app_list.go)', () => {
  // TestAppList's app, as go-marathon writes it to the wire.
  const app = {
    id: 'test-id',
    cmd: 'test cmd',
    cpus: 1,
    instances: 4,
    mem: 2,
    ports: null,
    dependencies: null,
    tasksRunning: 3,
    role: 'public_agent',
  };
  const api = () =>
    fixedApi({ [APPS]: json({ apps: [app] }), '/marathon/v2/deployments': json([]), '/marathon/v2/queue': json({ queue: null }) });

  it('prints the Go table with a ROLE column, every cell left-aligned (TestAppList)', async () => {
    expect(await api().dcos('dcos marathon app list')).toEqual(
      out(
        '    ID     MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER    CMD         ROLE      \n' +
          '  test-id  2    1     3/4    ---     ---         false    MESOS      test cmd  public_agent  \n',
      ),
    );
  });

  it('prints the ids with --quiet and go-marathon Applications with --json (struct order, omitempty)', async () => {
    expect(await api().dcos('dcos marathon app list -q')).toEqual(out('test-id\n'));
    expect(await api().dcos('dcos marathon app list --json')).toEqual(
      out(
        [
          '[',
          '    {',
          '        "id": "test-id",',
          '        "cmd": "test cmd",',
          '        "cpus": 1,',
          '        "instances": 4,',
          '        "mem": 2,',
          '        "ports": null,',
          '        "dependencies": null,',
          '        "tasksRunning": 3,',
          '        "role": "public_agent"',
          '    }',
          ']',
          '',
        ].join('\n'),
      ),
    );
  });

  it('shows health, actions joined by a comma, the waiting flag, the container type and a cut command', async () => {
    const long = { ...app, id: '/b', cmd: 'while true; do echo hello world; sleep 5; done', healthChecks: [{}], tasksHealthy: 1 };
    const docker = {
      ...app,
      id: '/a',
      cmd: undefined,
      args: ['x', 'y'],
      container: { type: 'DOCKER' },
      role: undefined,
      deployments: [{ id: 'd1' }],
    };
    const deployments = [
      {
        id: 'd1',
        currentActions: [
          { action: 'ScaleApplication', app: '/a' },
          { action: 'RestartApplication', app: '/a' },
        ],
      },
    ];
    const { dcos } = fixedApi({
      [APPS]: json({ apps: [long, docker] }),
      '/marathon/v2/deployments': json(deployments),
      '/marathon/v2/queue': json({ queue: [{ app: { id: '/b' }, delay: { overdue: true } }] }),
    });
    expect((await dcos('dcos marathon app list')).stdout).toBe(
      '  ID  MEM  CPUS  TASKS  HEALTH    DEPLOYMENT     WAITING  CONTAINER               CMD                    ROLE      \n' +
        '  /a  2    1     3/4    ---     (scale,restart)  false    DOCKER     [x, y]                                        \n' +
        '  /b  2    1     3/4    1/3     ---              true     MESOS      while true; do echo hello w...  public_agent  \n',
    );
  });
});

describe('dcos marathon app add (app_add.go, add_app_test.go)', () => {
  it('reads the pasted JSON as stdin, refuses files, an empty input and an existing id', async () => {
    const { dcos, calls } = fixedApi({
      [`${APPS}/the%20id`]: json({ message: 'no' }, 404),
      [`POST ${APPS}`]: json({ deployments: [{ id: 'some id' }] }, 201),
    });
    expect(await dcos('dcos marathon app add')).toEqual(err('Error: error loading JSON: unexpected end of JSON input'));
    expect(await dcos('dcos marathon app add /this/file/does/not/exist')).toEqual(
      err("Error: can't read from resource: /this/file/does/not/exist. Please check that it exists"),
    );
    expect(await dcos('dcos marathon app add {"cmd": "x"}')).toEqual(err('Error: application ID must be set'));
    expect(await dcos('dcos marathon app add {"id":"the id"}')).toEqual(out('Created deployment some id\n'));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', body: { id: 'the id' } });
    const taken = fixedApi({ [`${APPS}/hello`]: json({ app: { id: '/hello' } }) });
    expect(await taken.dcos('dcos marathon app add {"id": "hello"}')).toEqual(err("Error: Application '/hello' already exists"));
  });

  it("shows go-marathon's APIError for a refused POST: the details of a 422 in parentheses", async () => {
    const body = { message: 'Object is not valid', details: [{ path: '/cpus', errors: ['error.min'] }] };
    const { dcos } = fixedApi({ [`${APPS}/x`]: json({}, 404), [`POST ${APPS}`]: json(body, 422) });
    expect(await dcos('dcos marathon app add {"id": "/x", "cpus": -1}')).toEqual(
      err("Error: Marathon API error: Object is not valid (path: '/cpus' errors: error.min)"),
    );
  });
});

describe('dcos marathon app kill, remove, restart (app_kill.go, app_remove.go, app_restart.go)', () => {
  const tasks = [{ appId: '/test', healthCheckResults: [{ alive: true, consecutiveFailures: 0, instanceId: 'id' }] }];

  it('prints the killed tasks as compact JSON (TestMarathonKill), with --host as a query', async () => {
    const { dcos, calls } = fixedApi({
      [`DELETE ${APPS}/app-test/tasks`]: json({ tasks }),
      [`DELETE ${APPS}/app-test/tasks?host=192.168.0.1`]: json({ tasks }),
    });
    const killed = `Killed tasks: ${JSON.stringify(tasks)}\n`;
    expect(await dcos('dcos marathon app kill app-test')).toEqual(out(killed));
    expect(await dcos('dcos marathon app kill app-test --host=192.168.0.1')).toEqual(out(killed));
    expect(calls.map((c) => c.path)).toEqual([`${APPS}/app-test/tasks`, `${APPS}/app-test/tasks?host=192.168.0.1`]);
  });

  it('scales to 0 with --scale and prints the deployment as compact JSON; names the missing app as the plugin does', async () => {
    const { dcos, calls } = fixedApi({
      [`GET ${APPS}/app-test`]: json({ app: { id: '/app-test', instances: 2 } }),
      [`PUT ${APPS}/app-test`]: json(DEPLOYMENT),
    });
    expect(await dcos('dcos marathon app kill app-test --scale')).toEqual(out(`Started deployment: ${JSON.stringify(DEPLOYMENT)}\n`));
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { instances: 0 } });
    const none = fixedApi({});
    expect(await none.dcos('dcos marathon app kill app-test --scale')).toEqual(err("Error: path '/app-test' does not exist"));
    expect(await none.dcos('dcos marathon app kill app-test')).toEqual(err("Error: app '/app-test' does not exist"));
    // The plugin puts a slash before the id as typed.
    expect(await none.dcos('dcos marathon app kill /app-test')).toEqual(err("Error: app '//app-test' does not exist"));
    expect(await none.dcos('dcos marathon app kill a --scale --host=h')).toEqual(
      err("Error: the flags 'scale' and 'host' cannot be used at the same time"),
    );
  });

  it('removes silently, or says the app does not exist, or shows the API error', async () => {
    expect(
      await fixedApi({ [`DELETE ${APPS}/app-test?force=true`]: json(DEPLOYMENT) }).dcos('dcos marathon app remove app-test --force'),
    ).toEqual(out(''));
    expect(await fixedApi({}).dcos('dcos marathon app remove app-test')).toEqual(err("Error: app '/app-test' does not exist"));
    const bad = fixedApi({ [`DELETE ${APPS}/app-test`]: { status: 400, body: 'Something bad happened' } });
    expect(await bad.dcos('dcos marathon app remove app-test')).toEqual(err('Error: Marathon API error: Something bad happened'));
  });

  it('restarts an app with instances, refuses one without', async () => {
    const running = fixedApi({
      [`GET ${APPS}/app-test`]: json({ app: { id: '/app-test', instances: 1 } }),
      [`POST ${APPS}/app-test/restart?force=true`]: json(DEPLOYMENT),
    });
    expect(await running.dcos('dcos marathon app restart app-test --force')).toEqual(
      out(`Created deployment ${DEPLOYMENT.deploymentId}\n`),
    );
    const stopped = fixedApi({ [`GET ${APPS}/app-test`]: json({ app: { id: '/app-test', instances: 0 } }) });
    expect(await stopped.dcos('dcos marathon app restart app-test')).toEqual(
      err("Error: unable to perform rolling restart of application '/app-test' because it has no running tasks"),
    );
    expect(await fixedApi({}).dcos('dcos marathon app restart app-test')).toEqual(err("Error: app '/app-test' does not exist"));
    expect(await fixedApi({}).dcos('dcos marathon app restart')).toEqual(err('Error: accepts 1 arg(s), received 0'));
  });
});

describe('dcos marathon app start, stop, version list, show (app_start.go, app_stop.go, app_version_list.go, app_show.go)', () => {
  const withInstances = (n: number) =>
    fixedApi({ [`GET ${APPS}/app-test`]: json({ app: { id: '/app-test', instances: n } }), [`PUT ${APPS}/app-test`]: json(DEPLOYMENT) });

  it('starts a stopped app with 1 instance or the number given', async () => {
    const { dcos, calls } = withInstances(0);
    expect(await dcos('dcos marathon app start app-test')).toEqual(out(`Created deployment ${DEPLOYMENT.deploymentId}\n`));
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { instances: 1 } });
    await dcos('dcos marathon app start app-test 3');
    expect(calls.at(-1)).toMatchObject({ body: { instances: 3 } });
    expect(await dcos('dcos marathon app start app-test 0')).toEqual(err('Error: the number of instances must be positive: 0'));
    expect(await dcos('dcos marathon app start app-test x')).toEqual(err('Error: strconv.Atoi: parsing "x": invalid syntax'));
    expect(await withInstances(3).dcos('dcos marathon app start app-test')).toEqual(
      err("Error: application 'app-test' already started: 3 instances"),
    );
    expect(await fixedApi({}).dcos('dcos marathon app start app-test')).toEqual(err("Error: app '/app-test' does not exist"));
    const refused = fixedApi({
      [`GET ${APPS}/app-test`]: json({ app: { instances: 0 } }),
      [`PUT ${APPS}/app-test`]: { status: 404, body: '404 - Something bad happened!' },
    });
    expect(await refused.dcos('dcos marathon app start app-test')).toEqual(err('Error: Marathon API error: 404 - Something bad happened!'));
  });

  it('stops a running app (TestAppStopTable)', async () => {
    const path = `${APPS}/test`;
    const run = (get: { status: number; body: unknown }, put = json(DEPLOYMENT)) =>
      fixedApi({ [`GET ${path}`]: get, [`PUT ${path}`]: put }).dcos('dcos marathon app stop /test');
    expect(await run(json({ app: { id: 'test', instances: 2 } }))).toEqual(out(`Created deployment ${DEPLOYMENT.deploymentId}\n`));
    expect(await run(json({ app: { id: 'test', instances: 0 } }))).toEqual(err("Error: app '/test' already stopped: 0 instances"));
    expect(await run(json({ message: 'x' }, 404))).toEqual(err("Error: app '/test' does not exist"));
    expect(await run(json({ app: { id: 'test', instances: 2 } }), json({}, 409))).toEqual(
      err('Error: changes blocked: deployment already in progress for app'),
    );
  });

  it('lists the versions as two-space JSON, --max-count first', async () => {
    const versions = ['2019-11-21T16:15:35.114Z', '2019-11-21T16:49:06.988Z'];
    const { dcos } = fixedApi({ [`${APPS}/app-test/versions`]: json({ versions }) });
    expect(await dcos('dcos marathon app version list app-test')).toEqual(out(`[\n  "${versions[0]}",\n  "${versions[1]}"\n]\n`));
    expect(await dcos('dcos marathon app version list app-test --max-count=1')).toEqual(out(`[\n  "${versions[0]}"\n]\n`));
    expect(await dcos('dcos marathon app version list app-test --max-count=0')).toEqual(
      err('Error: maximum count must be a positive number'),
    );
    expect(await dcos('dcos marathon app version list app-test --max-count=x')).toEqual(
      err('Error: invalid argument "x" for "--max-count" flag: strconv.ParseInt: parsing "x": invalid syntax'),
    );
    const bad = fixedApi({ [`${APPS}/app-test/versions`]: { status: 400, body: 'Something bad happened' } });
    expect(await bad.dcos('dcos marathon app version list app-test')).toEqual(err('Error: Marathon API error: Something bad happened'));
  });

  it('shows an app, an earlier version (-1) or an absolute one; refuses a positive relative version', async () => {
    const versions = ['v2', 'v1'];
    const { dcos, calls } = fixedApi({
      [`${APPS}/kafka`]: json({ app: { id: '/kafka', instances: 1, cmd: 'a & b' } }),
      [`${APPS}/kafka/versions`]: json({ versions }),
      [`${APPS}/kafka/versions/v1`]: json({ id: '/kafka', instances: 0 }),
    });
    expect(await dcos('dcos marathon app show kafka')).toEqual(
      out('{\n    "id": "/kafka",\n    "cmd": "a \\u0026 b",\n    "instances": 1,\n    "ports": null,\n    "dependencies": null\n}\n'),
    );
    expect(await dcos('dcos marathon app show kafka --app-version=-1')).toEqual(
      out('{\n    "id": "/kafka",\n    "instances": 0,\n    "ports": null,\n    "dependencies": null\n}\n'),
    );
    expect(calls.at(-1)!.path).toBe(`${APPS}/kafka/versions/v1`);
    expect(await dcos('dcos marathon app show kafka --app-version=2')).toEqual(err('Error: relative versions must be negative: 2'));
    expect(await dcos('dcos marathon app show kafka --app-version=-2')).toEqual(err("Error: application 'kafka' only has 2 version(s)"));
    expect(await fixedApi({}).dcos('dcos marathon app show kafka')).toEqual(err("Error: app '/kafka' does not exist"));
  });
});

describe('dcos marathon debug (debug_list.go, debug_summary.go, debug_details.go)', () => {
  it('lists the launch queue (TestDebugList)', async () => {
    const queue = [
      {
        app: { id: '/test-app' },
        since: '2019-11-28T14:33:09.156Z',
        count: 1,
        delay: { overdue: true, timeLeftSeconds: 0 },
        processedOffersSummary: {
          processedOffersCount: 90,
          unusedOffersCount: 80,
          lastUnusedOfferAt: '2019-11-28T14:33:07.631Z',
          lastUsedOfferAt: '2019-11-28T14:30:07.631Z',
        },
      },
      {
        pod: { id: '/test-pod' },
        since: '2019-11-28T14:31:09.156Z',
        count: 2,
        delay: { overdue: false, timeLeftSeconds: 0 },
        processedOffersSummary: {
          processedOffersCount: 100,
          unusedOffersCount: 90,
          lastUnusedOfferAt: '2019-11-28T14:25:07.631Z',
          lastUsedOfferAt: '2019-11-28T14:24:07.631Z',
        },
      },
    ];
    const { dcos } = fixedApi({ '/marathon/v2/queue': json({ queue }) });
    expect(await dcos('dcos marathon debug list')).toEqual(
      out(
        '     ID               SINCE            INSTANCES TO LAUNCH  WAITING  PROCESSED OFFERS  ' +
          'UNUSED OFFERS     LAST UNUSED OFFER          LAST USED OFFER       \n' +
          '  /test-app  2019-11-28T14:33:09.156Z                    1  true                   90          ' +
          '   80  2019-11-28T14:33:07.631Z  2019-11-28T14:30:07.631Z  \n' +
          '  /test-pod  2019-11-28T14:31:09.156Z                    2  false                 100          ' +
          '   90  2019-11-28T14:25:07.631Z  2019-11-28T14:24:07.631Z  \n',
      ),
    );
  });

  const queued = () =>
    fixedApi({
      '/marathon/v2/queue?embed=lastUnusedOffers': json({
        queue: [{ count: 1, since: '2019-11-30T17:29:19.156Z', app: { id: '/app-test' } }],
      }),
    });

  it('summarizes a queued app: what it asks for, and how many of the last unused offers matched (none here: NaN%)', async () => {
    const row = (resource: string, requested: string, right = false) =>
      `  ${resource.padEnd(11)}  ${right ? requested.padStart(9) : requested.padEnd(9)}  0/0      NaN%        \n`;
    expect(await queued().dcos('dcos marathon debug summary /app-test')).toEqual(
      out(
        '   RESOURCE    REQUESTED  MATCHED  PERCENTAGE  \n' +
          row('ROLE', '---') +
          row('CONSTRAINTS', '---') +
          row('CPUS', '0', true) +
          row('MEM', '---') +
          row('DISK', '---') +
          row('PORTS', '[]'),
      ),
    );
    expect(await fixedApi({ '/marathon/v2/queue?embed=lastUnusedOffers': json({}) }).dcos('dcos marathon debug summary /app-test')).toEqual(
      err('Error: no apps found in Marathon queue'),
    );
  });

  it('details the last unused offers of a queued app (none here), or says it is not queued', async () => {
    expect(await queued().dcos('dcos marathon debug details /app-test')).toEqual(
      out('  HOSTNAME  ROLE  CONSTRAINTS  CPUS  MEM  DISK  PORTS  SCARCE  RECEIVED  \n'),
    );
    expect(await fixedApi({ '/marathon/v2/queue?embed=lastUnusedOffers': json({}) }).dcos('dcos marathon debug details /app-test')).toEqual(
      err("Error: couldn't find app /app-test in Marathon queue"),
    );
  });

  it("marks each check an unused offer failed with '-', the others ok; SCARCE is DeclinedScarceResources", async () => {
    const at = '2019-11-30T17:29:19.156Z';
    const offer = (hostname: string, reason: string[]) => ({ offer: { id: 'o', hostname, agentId: 's' }, reason, timestamp: at });
    const { dcos } = fixedApi({
      '/marathon/v2/queue?embed=lastUnusedOffers': json({
        queue: [
          {
            count: 1,
            since: at,
            app: { id: '/app-test' },
            lastUnusedOffers: [
              offer('agent-1', ['InsufficientPorts', 'DeclinedScarceResources']),
              offer('a2', ['InsufficientCpus', 'InsufficientMemory', 'UnfulfilledRole', 'UnfulfilledConstraint', 'InsufficientDisk']),
            ],
          },
        ],
      }),
    });
    const widths = [8, 4, 11, 4, 3, 4, 5, 6, 24];
    const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}  \n`;
    expect(await dcos('dcos marathon debug details /app-test')).toEqual(
      out(
        line(['HOSTNAME', 'ROLE', 'CONSTRAINTS', 'CPUS', 'MEM', 'DISK', 'PORTS', 'SCARCE', `${' '.repeat(8)}RECEIVED`]) +
          line(['agent-1', 'ok', 'ok', 'ok', 'ok', 'ok', '-', '-', at]) +
          line(['a2', '-', '-', '-', '-', '-', 'ok', 'ok', at]),
      ),
    );
  });

  it('prints the raw queue entry with --json (keys sorted), or nothing when the id is not queued', async () => {
    expect((await queued().dcos('dcos marathon debug summary /app-test --json')).stdout).toBe(
      '{\n    "app": {\n        "id": "/app-test"\n    },\n    "count": 1,\n    "since": "2019-11-30T17:29:19.156Z"\n}\n',
    );
    expect(await queued().dcos('dcos marathon debug details /other --json')).toEqual(out(''));
  });
});

describe('dcos marathon about (marathon_about.go)', () => {
  it("prints /v2/info as Go's map encoding (keys sorted), or the HTTP error", async () => {
    const { dcos } = fixedApi({
      '/marathon/v2/info': json({ name: 'marathon', frameworkId: 'marathonId', http_config: { https_port: 8443, http_port: 8080 } }),
    });
    expect(await dcos('dcos marathon about')).toEqual(
      out(
        '{\n    "frameworkId": "marathonId",\n    "http_config": {\n        "http_port": 8080,\n        "https_port": 8443\n    },\n    "name": "marathon"\n}\n',
      ),
    );
    expect(
      await fixedApi({ '/marathon/v2/info': { status: 500, body: '500 - Something bad happened!' } }).dcos('dcos marathon about'),
    ).toEqual(err('Error: HTTP 500 error'));
    expect(await dcos('dcos marathon about x')).toEqual(err('Error: unknown command "x" for "dcos marathon about"'));
  });
});
