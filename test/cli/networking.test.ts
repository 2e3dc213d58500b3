/**
 * Service discovery from the terminal: the sandbox tools `dig` and `curl` (they answer from the simulated model:
 * dcos-dns for `*.thisdcos.directory`, Mesos-DNS behind it for `*.mesos`, the request tracer for `curl`),
 * `dcos node dns` (dcos-core-cli 2.2 `pkg/cmd/node/node_dns.go`), and the networking fields `dcos marathon app show`
 * and `dcos task --json` carry. Layouts are pinned over fixed answers; the rest follows a cluster running an app on
 * the `dcos` overlay with a VIP.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { completions } from '../../src/cli/index.ts';
import { appOf, post, waitFor, type Json } from '../support/marathon.ts';
import { cli, cluster, fixedApi, json } from './support.ts';

const MYAPP = {
  id: '/myapp',
  cmd: 'sleep 1000',
  cpus: 0.1,
  mem: 32,
  instances: 2,
  networks: [{ mode: 'container', name: 'dcos' }],
  container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http', labels: { VIP_0: '/myapp:80' } }] },
};
const VIP_NAME = 'myapp.marathon.l4lb.thisdcos.directory';
const AUTOIP_NAME = 'myapp.marathon.autoip.dcos.thisdcos.directory';

let shared: Promise<Sandbox> | undefined;
/** One cluster for the live tests: /myapp running, then 3 s for dcos-dns and the VIP. */
function withApp(): Promise<Sandbox> {
  shared ??= (async () => {
    const sb = await cluster();
    expect(post(sb, '/marathon/v2/apps', MYAPP).status).toBe(201);
    waitFor(sb, () => appOf(sb, '/myapp').tasksRunning === 2, 120_000);
    sb.advance(3_000);
    return sb;
  })();
  return shared;
}

const taskIps = (sb: Sandbox): string[] =>
  (appOf(sb, '/myapp').tasks as Json[]).flatMap((t) => (t.ipAddresses as Json[]).map((a) => a.ipAddress as string)).sort();

describe('dig (sandbox tool)', () => {
  it("answers a VIP's name from dcos-dns, laid out as BIND's dig", async () => {
    const dcos = cli(await withApp());
    const r = await dcos(`dig ${VIP_NAME}`);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '',
      `; <<>> DiG 9.16.1 <<>> ${VIP_NAME}`,
      ';; global options: +cmd',
      ';; Got answer:',
      expect.stringMatching(/^;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+$/),
      ';; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0',
    ]);
    expect(r.stdout).toContain(`;; QUESTION SECTION:\n;${VIP_NAME}. IN A\n\n`);
    // masterdump.c: past its column a field is one blank away; the data column (48) is a tab stop further.
    expect(r.stdout).toContain(`;; ANSWER SECTION:\n${VIP_NAME}.\t5 IN A\t11.215.13.222\n\n`);
    expect(r.stdout).toContain(';; SERVER: 198.51.100.1#53(198.51.100.1) (dcos-dns)\n');
    expect((await dcos(`dig ${VIP_NAME} +short`)).stdout).toBe('11.215.13.222\n');
  });

  it("answers an autoip name with the tasks' overlay addresses", async () => {
    const sb = await withApp();
    const dcos = cli(sb);
    const ips = taskIps(sb);
    expect(ips).toHaveLength(2);
    for (const ip of ips) expect(ip).toMatch(/^9\.0\.\d+\.\d+$/);
    const short = await dcos(`dig +short ${AUTOIP_NAME}`);
    expect(short.stdout.trimEnd().split('\n').sort()).toEqual(ips);
    const full = (await dcos(`dig ${AUTOIP_NAME}`)).stdout;
    expect(full).toContain('status: NOERROR');
    // A name past the data column: every field one blank apart.
    for (const ip of ips) expect(full).toContain(`${AUTOIP_NAME}. 5 IN A ${ip}\n`);
  });

  it("answers SRV from Mesos-DNS after its refresh, in all four spellings, with the targets' A records", async () => {
    const sb = await withApp();
    sb.advance(31_000);
    const dcos = cli(sb);
    const name = '_myapp._tcp.marathon.mesos';
    const services = sb.request({ method: 'GET', path: `/mesos_dns/v1/services/${name}` }).body as Json[];
    expect(services).toHaveLength(2);
    const srvData = services.map((s) => `0 1 ${s.port} ${s.host}`).sort();
    const full = await dcos(`dig SRV ${name}`);
    expect(full.exitCode).toBe(0);
    expect(full.stdout).toContain(';; flags: qr aa rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 2\n');
    expect(full.stdout).toContain(`;; QUESTION SECTION:\n;${name}.\tIN\tSRV\n`);
    for (const s of services) {
      expect(full.stdout).toContain(`${name}. 60\tIN\tSRV\t0 1 ${s.port} ${s.host}\n`);
      expect(full.stdout).toContain(`${s.host} 60 IN\tA\t${s.ip}\n`);
    }
    expect(full.stdout).toMatch(/;; SERVER: 198\.51\.100\.1#53\(198\.51\.100\.1\) \(dcos-dns; forwarded to Mesos-DNS at [\d.]+#61053\)\n/);
    const afterArgs = (out: string) => out.split('\n').slice(2).join('\n');
    for (const line of [`dig ${name} SRV`, `dig -t SRV ${name}`, `dig -tsrv ${name}`])
      expect(afterArgs((await dcos(line)).stdout), line).toBe(afterArgs(full.stdout));
    const short = await dcos(`dig SRV ${name} +short`);
    expect(short.stdout.trimEnd().split('\n').sort()).toEqual(srvData);
    // dcos-dns's copy of the zone answers the same records under its own names.
    const copy = (await dcos(`dig SRV _myapp._tcp.marathon.mesos.thisdcos.directory +short`)).stdout;
    expect(copy.trimEnd().split('\n').sort()).toEqual(srvData.map((d) => d.replace(/\.mesos\.$/, '.mesos.thisdcos.directory.')).sort());
  });

  it('says NXDOMAIN (exit code 0, no answer) for unknown names, bare IPs and names outside the cluster', async () => {
    const dcos = cli(await withApp());
    for (const line of ['dig nope.marathon.mesos', 'dig nope.marathon.l4lb.thisdcos.directory', 'dig 10.0.0.1', 'dig example.com']) {
      const r = await dcos(line);
      expect(r.exitCode, line).toBe(0);
      expect(r.stdout, line).toContain('status: NXDOMAIN');
      expect(r.stdout, line).toContain('ANSWER: 0,');
      expect(r.stdout, line).not.toContain('ANSWER SECTION');
      expect((await dcos(`${line} +short`)).stdout, line).toBe('');
    }
  });

  it('pins the whole output over fixed Mesos-DNS answers', async () => {
    const { dcos, calls } = fixedApi({
      '/mesos_dns/v1/hosts/web.marathon.mesos': json([{ host: 'web.marathon.mesos.', ip: '10.0.1.2' }]),
      '/mesos_dns/v1/hosts/leader.mesos': json([{ host: 'leader.mesos.', ip: '10.0.0.11' }]),
      '/mesos_dns/v1/services/_web._tcp.marathon.mesos': json([
        { service: '_web._tcp.marathon.mesos', host: 'web-xyz.marathon.slave.mesos.', ip: '10.0.1.2', port: '31000' },
      ]),
    });
    const a = await dcos('dig web.marathon.mesos');
    expect(a.stdout).toBe(
      [
        '',
        '; <<>> DiG 9.16.1 <<>> web.marathon.mesos',
        ';; global options: +cmd',
        ';; Got answer:',
        a.stdout.split('\n')[4]!,
        ';; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0',
        '',
        ';; QUESTION SECTION:',
        ';web.marathon.mesos.\t\tIN\tA',
        '',
        ';; ANSWER SECTION:',
        'web.marathon.mesos.\t60\tIN\tA\t10.0.1.2',
        '',
        ';; Query time: 0 msec',
        ';; SERVER: 198.51.100.1#53(198.51.100.1) (dcos-dns; forwarded to Mesos-DNS at 10.0.0.11#61053)',
        ';; MSG SIZE  rcvd: 52',
        '',
        '',
      ].join('\n'),
    );
    expect(calls[0]).toEqual({ method: 'GET', path: '/mesos_dns/v1/hosts/web.marathon.mesos' });
    const srv = await dcos('dig SRV _web._tcp.marathon.mesos');
    expect(srv.stdout).toContain(
      [
        ';; QUESTION SECTION:',
        ';_web._tcp.marathon.mesos.\tIN\tSRV',
        '',
        ';; ANSWER SECTION:',
        '_web._tcp.marathon.mesos. 60\tIN\tSRV\t0 1 31000 web-xyz.marathon.slave.mesos.',
        '',
        ';; ADDITIONAL SECTION:',
        'web-xyz.marathon.slave.mesos. 60 IN\tA\t10.0.1.2',
        '',
      ].join('\n'),
    );
    // Mesos-DNS's "no record": one entry of empty strings.
    const none = fixedApi({ '/mesos_dns/v1/hosts/x.mesos': json([{ host: '', ip: '' }]) });
    expect((await none.dcos('dig x.mesos')).stdout).toContain('status: NXDOMAIN');
  });

  it('says SERVFAIL while Mesos-DNS has not loaded (the API answers 503)', async () => {
    const { dcos } = fixedApi({
      '/mesos_dns/v1/hosts/leader.mesos': json('Service Unavailable', 503),
      '/mesos_dns/v1/services/_web._tcp.marathon.mesos': json('Service Unavailable', 503),
    });
    const r = await dcos('dig leader.mesos');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('status: SERVFAIL');
    expect(r.stdout).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 0');
    expect(r.stdout).toContain('(dcos-dns; Mesos-DNS is not serving yet)');
    expect((await dcos('dig SRV _web._tcp.marathon.mesos')).stdout).toContain('status: SERVFAIL');
    expect((await dcos('dig leader.mesos +short')).stdout).toBe('');
  });

  it('refuses what it cannot ask, with a usage line', async () => {
    const { dcos, calls } = fixedApi({});
    expect(await dcos('dig')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('Usage:  dig') });
    expect(await dcos('dig +trace x.mesos')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^Invalid option: \+trace\n/) });
    expect(await dcos('dig -t AAAA x.mesos')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('A and SRV') });
    expect(await dcos('dig a.mesos b.mesos')).toMatchObject({ exitCode: 1 });
    expect(calls).toEqual([]);
  });
});

describe('curl (sandbox tool)', () => {
  it('reaches a task through the VIP, naming the task and the backend', async () => {
    const sb = await withApp();
    const dcos = cli(sb);
    const ids = (appOf(sb, '/myapp').tasks as Json[]).map((t) => t.id as string);
    const ips = taskIps(sb);
    const r = await dcos(`curl ${VIP_NAME}:80`);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const m = /task (\S+) answered on (9\.0\.\d+\.\d+):8080 \(VIP (\S+), 11\.215\.13\.222:80\)\.\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(ids).toContain(m![1]);
    expect(ips).toContain(m![2]);

    const v = await dcos(`curl -v http://${VIP_NAME}:80/health`);
    expect(v.exitCode).toBe(0);
    const log = v.stderr.split('\n');
    expect(log[0]).toBe('*   Trying 11.215.13.222:80...');
    expect(log[1]).toBe(`* Connected to ${VIP_NAME} (11.215.13.222) port 80 (#0)`);
    expect(log).toContain('> GET /health HTTP/1.1');
    expect(log).toContain(`> Host: ${VIP_NAME}`);
    expect(log).toContain('< HTTP/1.1 200 OK');

    const head = await dcos(`curl -sI ${VIP_NAME}:80`);
    expect(head.stdout.split('\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(head.stdout).toMatch(/\nX-Sandbox-Task: \S+\n/);

    // An autoip name reaches a task directly.
    const direct = await dcos(`curl ${AUTOIP_NAME}:8080`);
    expect(direct.exitCode).toBe(0);
    expect(direct.stdout).not.toContain('VIP');
  });

  it("answers curl's errors and exit codes from the cluster", async () => {
    const dcos = cli(await withApp());
    expect(await dcos(`curl ${VIP_NAME}:81`)).toEqual({
      stdout: '',
      stderr: `curl: (7) Failed to connect to ${VIP_NAME} port 81: Connection refused\n`,
      exitCode: 7,
    });
    expect(await dcos('curl nope.marathon.l4lb.thisdcos.directory:80')).toEqual({
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: nope.marathon.l4lb.thisdcos.directory\n',
      exitCode: 6,
    });
  });

  it('prints each error of the trace as curl does; -s hides it, -S shows it again', async () => {
    const trace = (error: string | null) => ({
      target: 'web.marathon.mesos:80',
      resolver: 'mesos-dns',
      addresses: error === 'NXDOMAIN' || error === 'SERVFAIL' ? [] : ['10.0.1.2'],
      reached: error === 'ETIMEDOUT' || error === 'NXDOMAIN' || error === 'SERVFAIL' ? null : '10.0.1.2:80',
      vip: null,
      taskId: null,
      error,
    });
    const cases: Array<[string, number, string]> = [
      ['NXDOMAIN', 6, 'curl: (6) Could not resolve host: web.marathon.mesos'],
      ['SERVFAIL', 6, 'curl: (6) Could not resolve host: web.marathon.mesos'],
      ['ECONNREFUSED', 7, 'curl: (7) Failed to connect to web.marathon.mesos port 80: Connection refused'],
      ['ETIMEDOUT', 28, 'curl: (28) Connection timed out after 300000 milliseconds'],
    ];
    for (const [error, code, message] of cases) {
      const { dcos, calls } = fixedApi({ 'POST /sandbox/v1/requests': json(trace(error)) });
      expect(await dcos('curl web.marathon.mesos'), error).toEqual({ stdout: '', stderr: `${message}\n`, exitCode: code });
      expect(calls[0]).toEqual({ method: 'POST', path: '/sandbox/v1/requests', body: { target: 'web.marathon.mesos:80' } });
      expect(await dcos('curl -s web.marathon.mesos:80'), error).toEqual({ stdout: '', stderr: '', exitCode: code });
      expect((await dcos('curl -sS web.marathon.mesos:80')).stderr, error).toBe(`${message}\n`);
      const verbose = await dcos('curl -v web.marathon.mesos:80');
      expect(verbose.stderr.endsWith(`* Closing connection 0\n${message}\n`), error).toBe(true);
    }
  });

  it('refuses a missing URL, another scheme and unknown options without a request', async () => {
    const { dcos, calls } = fixedApi({});
    expect(await dcos('curl')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('curl: no URL specified!') });
    expect(await dcos('curl https://web.marathon.mesos')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('Protocol "https"'),
    });
    expect(await dcos('curl -X POST web.marathon.mesos')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('option -X: is unknown'),
    });
    expect(await dcos('curl web.marathon.mesos:99999')).toMatchObject({ exitCode: 3 });
    expect(calls).toEqual([]);
  });
});

describe('dcos node dns (pkg/cmd/node/node_dns.go)', () => {
  it("prints Mesos-DNS's hosts answer as a HOST/IP table, or as JSON", async () => {
    const { dcos, calls } = fixedApi({
      '/mesos_dns/v1/hosts/web.marathon.mesos': json([
        { host: 'web.marathon.mesos.', ip: '10.0.1.2' },
        { host: 'web.marathon.mesos.', ip: '10.0.1.3' },
      ]),
      '/mesos_dns/v1/hosts/nope.mesos': json([{ host: '', ip: '' }]),
    });
    expect(await dcos('dcos node dns web.marathon.mesos')).toEqual({
      stdout: '         HOST             IP     \n  web.marathon.mesos.  10.0.1.2  \n  web.marathon.mesos.  10.0.1.3  \n',
      stderr: '',
      exitCode: 0,
    });
    expect(calls[0]).toEqual({ method: 'GET', path: '/mesos_dns/v1/hosts/web.marathon.mesos' });
    expect((await dcos('dcos node dns web.marathon.mesos --json')).stdout).toBe(
      '[\n    {\n        "host": "web.marathon.mesos.",\n        "ip": "10.0.1.2"\n    },\n    {\n        "host": "web.marathon.mesos.",\n        "ip": "10.0.1.3"\n    }\n]\n',
    );
    // No record: Mesos-DNS's entry of empty strings, decoded and printed as the plugin does (an empty row).
    expect((await dcos('dcos node dns nope.mesos')).stdout).toBe('  HOST  IP  \n            \n');
    expect((await dcos('dcos node dns nope.mesos --json')).stdout).toBe('[\n    {\n        "host": "",\n        "ip": ""\n    }\n]\n');
  });

  it("gives the plugin's errors", async () => {
    const { dcos } = fixedApi({ '/mesos_dns/v1/hosts/leader.mesos': json('Service Unavailable', 503) });
    expect(await dcos('dcos node dns leader.mesos')).toEqual({ stdout: '', stderr: 'Error: HTTP 503 error\n', exitCode: 1 });
    expect(await dcos('dcos node dns')).toEqual({ stdout: '', stderr: 'Error: accepts 1 arg(s), received 0\n', exitCode: 1 });
  });

  it("answers from the cluster's Mesos-DNS", async () => {
    const sb = await withApp();
    const dcos = cli(sb);
    const leader = await dcos('dcos node dns leader.mesos --json');
    const hosts = JSON.parse(leader.stdout) as Json[];
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.host).toBe('leader.mesos.');
    const table = await dcos('dcos node dns leader.mesos');
    expect(table.stdout.split('\n')[1]!.trim().split(/\s+/)).toEqual(['leader.mesos.', hosts[0]!.ip]);
  });
});

describe('networking fields of apps and tasks', () => {
  it("lists apps with 2.2's columns (no ports), and shows the networking in app show and task --json", async () => {
    const sb = await withApp();
    const dcos = cli(sb);
    const head = (await dcos('dcos marathon app list')).stdout.split('\n')[0]!.trim().split(/\s+/);
    expect(head).toEqual(['ID', 'MEM', 'CPUS', 'TASKS', 'HEALTH', 'DEPLOYMENT', 'WAITING', 'CONTAINER', 'CMD', 'ROLE']);

    const app = JSON.parse((await dcos('dcos marathon app show /myapp')).stdout) as Json;
    expect(app.networks).toEqual([{ name: 'dcos', mode: 'container' }]);
    expect(app.container.portMappings[0]).toMatchObject({ containerPort: 8080, name: 'http', labels: { VIP_0: '/myapp:80' } });
    const shownIps = (app.tasks as Json[]).flatMap((t) => (t.ipAddresses as Json[]).map((a) => a.ipAddress as string)).sort();
    expect(shownIps).toEqual(taskIps(sb));

    const tasks = (JSON.parse((await dcos('dcos task --json')).stdout) as Json[]).filter((t) => t.name === 'myapp');
    expect(tasks).toHaveLength(2);
    for (const t of tasks) {
      expect(t.discovery).toMatchObject({ name: 'myapp', ports: { ports: [{ number: 8080, protocol: 'tcp' }] } });
      expect(t.container.type).toBe('MESOS');
      const infos = (t.statuses as Json[]).at(-1)!.container_status.network_infos as Json[];
      expect(taskIps(sb)).toContain(infos[0]!.ip_addresses[0].ip_address);
      // pkg/mesos/types.go's NetworkInfo has no `name`: the Go plugin drops it.
      expect(Object.keys(infos[0]!)).toEqual(['ip_address', 'ip_addresses']);
    }
  });
});

describe('help and completion know the sandbox tools', () => {
  it('lists dig and curl in dcos help as tools answering from the simulated model', async () => {
    const { dcos } = fixedApi({});
    const top = (await dcos('dcos help')).stdout;
    expect(top).toContain('Sandbox tools (not part of dcos; they answer from the simulated model):\n');
    expect(top).toContain('    dig [-t A|SRV] <name> [A|SRV] [+short]\n');
    expect(top).toContain('    curl [-s] [-v] [-I] [http://]<host>:<port>[/path]\n');
  });

  it('completes the tool names and their options', () => {
    expect(completions('d').candidates).toEqual(['dcos', 'dig']);
    expect(completions('cu')).toMatchObject({ start: 0, candidates: ['curl'] });
    expect(completions('dig +s').candidates).toEqual(['+short']);
    expect(completions('dig myapp.mesos S').candidates).toEqual(['SRV']);
    expect(completions('curl -').candidates).toEqual(['-I', '-s', '-v']);
  });
});
