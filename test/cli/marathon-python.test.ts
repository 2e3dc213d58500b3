/**
 * The `dcos marathon` commands dcos-core-cli 2.2 still hands to its Python CLI (their Go stubs in
 * pkg/cmd/marathon/{deployment,group,pod,task,leader}/*.go and app_update.go call `python.InvokePythonCLI`),
 * over fixed answers. Expected texts come from python/lib/dcoscli/dcoscli/marathon/main.py, dcoscli/tables.py
 * (`deployment_table`, `group_table`, `pod_table`, `app_task_table`, `dns_table`; PrettyTable 0.7.2 with no
 * border and a right padding of 2), dcos/marathon.py, dcos/rpcclient.py, dcos/jsonitem.py and dcos/emitting.py
 * at tag 2.2-patch.0.
 */
import { describe, expect, it } from 'vitest';
import { fixedApi, json } from './support.ts';

const M = '/marathon/v2';
const URL = 'https://master.mesos/service/marathon/v2';
const err = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('dcos marathon deployment list|rollback|stop', () => {
  const deployments = [
    {
      id: 'd-1',
      affectedApps: ['/b'],
      affectedPods: [],
      currentActions: [{ action: 'ScaleApplication', app: '/b' }],
      currentStep: 2,
      totalSteps: 2,
    },
    {
      id: 'd-2',
      affectedApps: ['/a', '/c'],
      affectedPods: ['/p'],
      currentActions: [
        { action: 'StartApplication', app: '/a' },
        { action: 'StartPod', pod: '/p' },
      ],
      currentStep: 1,
      totalSteps: 3,
    },
  ];

  it('sorts by APP, one line per affected id, the action named with its path when it acts on several', async () => {
    const { dcos } = fixedApi({ [`${M}/deployments`]: json(deployments) });
    expect(await dcos('dcos marathon deployment list')).toEqual(
      out(
        lines(
          'APP  POD  ACTION    PROGRESS  ID   ',
          '/a   /p   start /a    0/3     d-2  ',
          '/c        start /p                 ',
          '/b   -    scale       1/2     d-1  ',
        ),
      ),
    );
    expect(await dcos('dcos marathon deployment list --quiet')).toEqual(out('d-1\nd-2\n'));
    expect(await dcos('dcos marathon deployment list p')).toEqual(
      out(lines('APP  POD  ACTION    PROGRESS  ID   ', '/a   /p   start /a    0/3     d-2  ', '/c        start /p                 ')),
    );
    expect(await dcos('dcos marathon deployment list nope')).toEqual(err("There are no deployments for 'nope'"));
    expect(await dcos('dcos marathon deployment list --json --quiet')).toEqual({
      stdout: 'Invalid subcommand usage\n\nUsage:\n    dcos marathon deployment list [--json|--quiet] [<app-id>]\n',
      stderr: '',
      exitCode: 1,
    });
  });

  it('says there are none, even with --quiet, and prints [] with --json', async () => {
    const { dcos } = fixedApi({ [`${M}/deployments`]: json([]) });
    expect(await dcos('dcos marathon deployment list -q')).toEqual(err('There are no deployments'));
    expect(await dcos('dcos marathon deployment list --json')).toEqual(out('[]\n'));
  });

  it('prints the rollback deployment as sorted JSON, stops silently', async () => {
    const { dcos, calls } = fixedApi({
      [`DELETE ${M}/deployments/d-1`]: json({ version: 'v', deploymentId: 'd-9' }),
      [`DELETE ${M}/deployments/d-1?force=true`]: json(null, 202),
    });
    expect(await dcos('dcos marathon deployment rollback d-1')).toEqual(out('{\n  "deploymentId": "d-9",\n  "version": "v"\n}\n'));
    expect(await dcos('dcos marathon deployment stop d-1')).toEqual(out(''));
    expect(calls.map((c) => c.path)).toEqual([`${M}/deployments/d-1`, `${M}/deployments/d-1?force=true`]);
    expect(await dcos('dcos marathon deployment stop nope')).toEqual(err('Error: Not Found'));
  });
});

describe('dcos marathon group list|add|show|remove|scale', () => {
  const app = { id: '/x' };
  const root = {
    id: '/',
    apps: [],
    groups: [
      { id: '/web', apps: [app, app], groups: [{ id: '/web/db', apps: [app], groups: [], enforceRole: false }], enforceRole: true },
      { id: '/batch', apps: [], groups: [], enforceRole: false },
    ],
  };

  it('lists the groups under the root with their apps (nested included) and ENFORCE_ROLE', async () => {
    const { dcos } = fixedApi({ [`${M}/groups`]: json(root) });
    expect(await dcos('dcos marathon group list')).toEqual(
      out(
        lines(
          'ID       APPS  ENFORCE_ROLE  ',
          '/batch    0           False  ',
          '/web      3            True  ',
          '/web/db   1           False  ',
        ),
      ),
    );
    expect(JSON.parse((await dcos('dcos marathon group list --json')).stdout)).toEqual(root.groups);
    expect(await fixedApi({ [`${M}/groups`]: json({ ...root, groups: [] }) }).dcos('dcos marathon group list')).toEqual(out(''));
  });

  it('adds a group unless it exists, from the pasted JSON or --id', async () => {
    const { dcos, calls } = fixedApi({
      [`${M}/groups/web`]: json(root.groups[0]),
      [`POST ${M}/groups`]: json({ version: 'v', deploymentId: 'd-3' }, 201),
    });
    expect(await dcos('dcos marathon group add {"id": "web"}')).toEqual(err("Group '/web' already exists"));
    expect(await dcos('dcos marathon group add --id=/new')).toEqual(out('Created deployment d-3\n'));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', body: { id: '/new' } });
    expect(await dcos('dcos marathon group add')).toEqual(
      err(
        "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g.: dcos marathon app add < app_resource.json",
      ),
    );
  });

  it('shows a group as sorted JSON and removes one; a missing group is Marathon message', async () => {
    const { dcos } = fixedApi({
      [`${M}/groups/batch`]: json(root.groups[1]),
      [`DELETE ${M}/groups/batch?force=true`]: json({ deploymentId: 'd', version: 'v' }),
    });
    expect(await dcos('dcos marathon group show batch')).toEqual(
      out('{\n  "apps": [],\n  "enforceRole": false,\n  "groups": [],\n  "id": "/batch"\n}\n'),
    );
    expect(await dcos('dcos marathon group remove /batch/ --force')).toEqual(out(''));
    const missing = fixedApi({ [`${M}/groups/nope`]: json({ message: "Group '/nope' does not exist" }, 404) });
    expect(await missing.dcos('dcos marathon group show nope')).toEqual(err("Error: Group '/nope' does not exist"));
  });

  it('scales by the factor read as a Python float: PUT {scaleBy}; refuses a text that is none', async () => {
    const { dcos, calls } = fixedApi({
      [`PUT ${M}/groups/web`]: json({ version: 'v', deploymentId: 'd-4' }),
      [`PUT ${M}/groups/web?force=true`]: json({ version: 'v', deploymentId: 'd-5' }),
    });
    expect(await dcos('dcos marathon group scale /web 1_5.0')).toEqual(out('Created deployment d-4\n'));
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { scaleBy: 15 } });
    expect(await dcos('dcos marathon group scale web/ 0.5 --force')).toEqual(out('Created deployment d-5\n'));
    expect(calls.at(-1)!.body).toEqual({ scaleBy: 0.5 });
    // json.dumps writes inf as Infinity, which Marathon cannot read.
    await dcos('dcos marathon group scale web inf');
    expect(calls.at(-1)!.body).toBe('{"scaleBy": Infinity}');
    const before = calls.length;
    expect(await dcos('dcos marathon group scale /web 1.a')).toEqual(err('Error parsing string as float'));
    expect(calls).toHaveLength(before);
  });
});

describe('dcos marathon pod list|add|show|remove|update|kill', () => {
  const pod = {
    id: '/p',
    spec: { containers: [{ name: 'web' }, { name: 'log' }], version: '2020-01-01T00:00:00.000Z', role: 'slave_public' },
    instances: [{ id: 'p.instance-1' }],
    status: 'STABLE',
    statusSince: '2020-01-01T00:00:01.000Z',
  };

  it('lists the pods with their containers, WAITING from the queue and ROLE', async () => {
    const { dcos } = fixedApi({
      [`${M}/pods/::status`]: json([pod]),
      [`${M}/queue`]: json({ queue: [{ pod: { id: '/p' }, delay: { overdue: true } }] }),
    });
    const blank = ' '.repeat(104);
    expect(await dcos('dcos marathon pod list')).toEqual(
      out(
        lines(
          'ID+TASKS  INSTANCES  VERSION                   STATUS  STATUS SINCE              WAITING      ROLE      ',
          '/p            1      2020-01-01T00:00:00.000Z  STABLE  2020-01-01T00:00:01.000Z  True     slave_public  ',
          ` |-log${blank.slice(6)}`,
          ` |-web${blank.slice(6)}`,
        ),
      ),
    );
    // The CLI adds `overdue` to each pod before printing it.
    expect(JSON.parse((await dcos('dcos marathon pod list --json')).stdout)[0].overdue).toBe(true);
    expect(await dcos('dcos marathon pod list -q')).toEqual(out('/p\n'));
  });

  it('adds a pod and names its deployment; shows and removes one', async () => {
    const { dcos } = fixedApi({
      // Marathon names the deployment in a header (PodsResource.create); the body is the pod.
      [`POST ${M}/pods`]: { ...json({ id: '/p' }, 201), headers: { 'Marathon-Deployment-Id': 'd-4' } },
      [`${M}/pods/p::status`]: json(pod),
      [`DELETE ${M}/pods/p`]: { ...json('', 202), headers: { 'Marathon-Deployment-Id': 'd' } },
    });
    expect(await dcos('dcos marathon pod add {"id": "/p", "containers": []}')).toEqual(out('Created deployment d-4\n'));
    expect(JSON.parse((await dcos('dcos marathon pod show /p')).stdout)).toEqual(pod);
    expect(await dcos('dcos marathon pod remove p')).toEqual(out(''));
  });

  it('updates a pod that exists from the pasted JSON', async () => {
    const { dcos, calls } = fixedApi({
      [`GET ${M}/pods/p::status`]: json(pod),
      [`PUT ${M}/pods/p?force=true`]: { ...json({ id: '/p' }), headers: { 'Marathon-Deployment-Id': 'd-5' } },
    });
    expect(await dcos('dcos marathon pod update /p --force {"id": "/p", "containers": []}')).toEqual(out('Created deployment d-5\n'));
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { id: '/p' } });
    expect(await dcos('dcos marathon pod update /p')).toEqual(
      err(
        "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g.: dcos marathon app add < app_resource.json",
      ),
    );
    const missing = fixedApi({ [`${M}/pods/q::status`]: json({ message: "Pod '/q' does not exist" }, 404) });
    expect(await missing.dcos('dcos marathon pod update /q {}')).toEqual(err("Error: Pod '/q' does not exist"));
  });

  it('kills the instances of the pod it is given, silently; needs at least one', async () => {
    const { dcos, calls } = fixedApi({
      [`${M}/pods/p::status`]: json(pod),
      [`DELETE ${M}/pods/p::instances/p.instance-1`]: json({ instanceId: 'p.instance-1' }),
    });
    expect(await dcos('dcos marathon pod kill /p')).toEqual(err('Please provide at least one pod instance ID'));
    expect(await dcos('dcos marathon pod kill /p p.instance-1 p.instance-9')).toEqual(out(''));
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([`${M}/pods/p::instances/p.instance-1`]);
  });
});

describe('dcos marathon task list, app update', () => {
  const tasks = [
    {
      appId: '/b',
      id: 'b.1',
      host: 'a1',
      startedAt: '2020-01-01T00:00:02.000Z',
      role: 'slave_public',
      healthCheckResults: [{ alive: false }],
    },
    { appId: '/a', id: 'a.1', host: 'a2', startedAt: null, role: 'r' },
  ];

  it('lists the Marathon tasks sorted by app: HEALTHY when every check is alive, None for no start time', async () => {
    const { dcos } = fixedApi({ [`${M}/tasks`]: json({ tasks }) });
    expect(await dcos('dcos marathon task list')).toEqual(
      out(
        lines(
          'APP  HEALTHY          STARTED           HOST  ID       ROLE      ',
          '/a     True             None             a2   a.1       r        ',
          '/b    False   2020-01-01T00:00:02.000Z   a1   b.1  slave_public  ',
        ),
      ),
    );
    expect(await dcos('dcos marathon task list b -q')).toEqual(out('b.1\n'));
    expect(await dcos('dcos marathon task list c')).toEqual(out(''));
    expect(await dcos('dcos marathon task list c --json')).toEqual(out('[]\n'));
  });

  it("updates an app from key=value pairs and shows Marathon's refusals as the Python CLI words them", async () => {
    const put = (status: number, body: unknown) =>
      fixedApi({
        [`GET ${M}/apps/hello`]: json({ app: { id: '/hello' } }),
        [`PUT ${M}/apps/hello`]: json(body, status),
        [`PUT ${M}/apps/hello?force=true`]: json(body, status),
      });
    const ok = put(200, { version: 'v', deploymentId: 'd-6' });
    expect(await ok.dcos(`dcos marathon app update /hello instances=3 cmd='sleep 9' labels='{"a":"b"}' up=TRUE`)).toEqual(
      out('Created deployment d-6\n'),
    );
    expect(ok.calls.at(-1)!.body).toEqual({ instances: 3, cmd: 'sleep 9', labels: { a: 'b' }, up: true });
    const invalid = { message: 'Object is not valid', details: [{ path: '/cpus', errors: ['error.min'] }] };
    expect(await put(422, invalid).dcos('dcos marathon app update hello cpus=-1')).toEqual(
      err(`Error while fetching [${URL}/apps/hello]: HTTP 422: "${JSON.stringify(invalid)}".`),
    );
    expect(await put(409, { message: 'locked', deployments: [] }).dcos('dcos marathon app update hello instances=2')).toEqual(
      err('Changes blocked: deployment already in progress for app.'),
    );
    expect(await put(400, { message: 'Invalid JSON' }).dcos('dcos marathon app update hello x=1 --force')).toEqual(
      err(`Error on request [PUT ${URL}/apps/hello?force=true]: HTTP 400: Bad Request:\n{\n  "message": "Invalid JSON"\n}`),
    );
    expect(
      await fixedApi({ [`${M}/apps/nope`]: json({ message: "App '/nope' does not exist" }, 404) }).dcos(
        'dcos marathon app update nope x=1',
      ),
    ).toEqual(err("Error: App '/nope' does not exist"));
  });

  it("refuses a pair without '=', a repeated key and a missing body as the Python CLI does", async () => {
    const { dcos } = fixedApi({ [`${M}/apps/hello`]: json({ app: { id: '/hello' } }) });
    expect(await dcos('dcos marathon app update hello instances')).toEqual(err("'instances' is not a valid json-item"));
    expect(await dcos('dcos marathon app update hello a=1 a=2')).toEqual(err("Key 'a' was specified more than once"));
    expect(await dcos('dcos marathon app update hello')).toEqual(
      err(
        "We currently don't support reading from the TTY. Please specify an application JSON.\nE.g. dcos marathon app update your-app-id < app_update.json",
      ),
    );
    expect((await dcos('dcos marathon app update')).stdout).toBe(
      'Invalid subcommand usage\n\nUsage:\n    dcos marathon app update [--force] <app-id> [<properties>...]\n',
    );
  });
});

describe('dcos marathon leader show', () => {
  it("prints Mesos-DNS's marathon.mesos record (here from /marathon/v2/leader) as dns_table, or as JSON", async () => {
    const { dcos } = fixedApi({ [`${M}/leader`]: json({ leader: '10.0.0.11:8080' }) });
    expect(await dcos('dcos marathon leader show')).toEqual(out(lines('HOST                 IP     ', 'marathon.mesos.  10.0.0.11  ')));
    expect(await dcos('dcos marathon leader show --json')).toEqual(out('{\n  "host": "marathon.mesos.",\n  "ip": "10.0.0.11"\n}\n'));
  });
});
