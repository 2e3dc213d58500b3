/** `/mesos_dns/v1/…`: Mesos-DNS's HTTP API as DC/OS runs it (networking-sources.md §1.4), read through `sb.request` only. */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { boot, deploy, fault, get, marathonScenario, tasksOf, untilBooted, waitFor, type Json } from '../support/marathon.ts';
import type { MesosDnsAxfr, MesosDnsConfig, MesosDnsEnumeration, MesosDnsHost, MesosDnsService } from '../../src/api/shapes/dns.ts';

const AGENTS = [{ hostname: 'a', count: 2, resources: { cpus: 4, mem: 8192, disk: 0, gpus: 0 } }];
const request = (sb: Sandbox, path: string, method: 'GET' | 'POST' = 'GET') => sb.request({ method, path });

async function withApp(): Promise<{ sb: Sandbox; task: Json }> {
  const sb = await boot(AGENTS);
  deploy(sb, {
    id: '/web',
    cmd: 'sleep 1000',
    cpus: 0.1,
    mem: 32,
    instances: 1,
    portDefinitions: [{ port: 0, name: 'http', protocol: 'tcp' }],
  });
  waitFor(sb, () => tasksOf(sb, '/web').some((t) => t.state === 'TASK_RUNNING'), 60_000);
  sb.advance(30_000);
  return { sb, task: tasksOf(sb, '/web')[0]! };
}

describe('/mesos_dns/v1', () => {
  it('answers 503 until the first load, then serves', async () => {
    const sb = await createSandbox(marathonScenario(AGENTS));
    expect(request(sb, '/mesos_dns/v1/version')).toEqual({ status: 503, body: 'Service Unavailable' });
    untilBooted(sb);
    sb.advance(2_000);
    expect(request(sb, '/mesos_dns/v1/version')).toEqual({
      status: 200,
      body: { Service: 'Mesos-DNS', URL: 'https://github.com/mesosphere/mesos-dns', Version: '1.13' },
    });
  });

  it('GET /v1/config is the whole Config struct with DC/OS values', async () => {
    const { sb } = await withApp();
    const config = get(sb, '/mesos_dns/v1/config') as MesosDnsConfig;
    const serial = (get(sb, '/mesos_dns/v1/axfr') as MesosDnsAxfr).Serial;
    expect(Object.keys(config)).toEqual(
      'RefreshSeconds Port Timeout StateTimeoutSeconds ZkDetectionTimeout HttpPort TTL SRVRecordDefaultWeight SOASerial SOARefresh SOARetry SOAExpire SOAMinttl SOAMname SOARname Masters ZoneResolvers Resolvers IPSources Zk Domain File Listener HTTPListener RecurseOn DnsOn HttpOn ExternalOn EnforceRFC952 SetTruncateBit EnumerationOn MesosHTTPSOn CACertFile CertFile KeyFile MesosCredentials IAMConfigFile MesosAuthentication'.split(
        ' ',
      ),
    );
    expect(config).toMatchObject({
      RefreshSeconds: 30,
      Port: 61053,
      TTL: 60,
      HttpPort: 8123,
      SOASerial: serial,
      IPSources: ['host', 'netinfo'],
    });
    expect(config.SOAMname).toBe('ns1.mesos.');
    expect(config.SOARname).toBe('root.ns1.mesos.');
    expect(config.Masters).toBeNull();
  });

  it('GET /v1/hosts/{host}: normalized name, and one empty entry when nothing matches', async () => {
    const { sb, task } = await withApp();
    const ip = task.ipAddresses[0].ipAddress as string;
    expect(get(sb, '/mesos_dns/v1/hosts/WEB.marathon.mesos') as unknown as MesosDnsHost[]).toEqual([{ host: 'web.marathon.mesos.', ip }]);
    expect(get(sb, '/mesos_dns/v1/hosts/web.marathon.mesos.*.')).toEqual([{ host: 'web.marathon.mesos.', ip }]);
    expect(request(sb, '/mesos_dns/v1/hosts/nothing.mesos')).toEqual({ status: 200, body: [{ host: '', ip: '' }] });
    expect(request(sb, '/mesos_dns/v1/hosts/web.marathon.mesos/ports')).toEqual({ status: 501, body: 'To be implemented...' });
    const agents = get(sb, '/mesos_dns/v1/hosts/slave.mesos') as unknown as MesosDnsHost[];
    expect(agents.map((a) => a.ip)).toEqual(['10.1.0.10', '10.1.0.11']);
  });

  it('GET /v1/services/{service}: targets with their address and port, the service as sent', async () => {
    const { sb, task } = await withApp();
    const ip = task.ipAddresses[0].ipAddress as string;
    const services = get(sb, '/mesos_dns/v1/services/_WEB._tcp.marathon.mesos') as unknown as MesosDnsService[];
    expect(services).toHaveLength(1);
    expect(services[0]).toEqual({
      service: '_WEB._tcp.marathon.mesos',
      host: expect.stringMatching(/^web-[a-z0-9]{5}-s\d+\.marathon\.mesos\.$/) as string,
      ip,
      port: String(task.ports[0]),
    });
    expect(get(sb, '/mesos_dns/v1/services/_leader._tcp.mesos')).toEqual([
      { service: '_leader._tcp.mesos', host: 'leader.mesos.', ip: '10.0.0.11', port: '5050' },
    ]);
    expect(request(sb, '/mesos_dns/v1/services/_none._tcp.mesos')).toEqual({
      status: 200,
      body: [{ service: '', host: '', ip: '', port: '' }],
    });
  });

  it('GET /v1/enumerate and /v1/axfr', async () => {
    const { sb, task } = await withApp();
    const { frameworks } = get(sb, '/mesos_dns/v1/enumerate') as MesosDnsEnumeration;
    // Marathon's, and Metronome's with no task yet.
    expect(frameworks!.map((f) => Object.keys(f))).toEqual([
      ['tasks', 'name'],
      ['tasks', 'name'],
    ]);
    expect(frameworks![1]).toEqual({ tasks: [], name: 'metronome' });
    const [entry] = frameworks![0]!.tasks;
    expect(Object.keys(entry!)).toEqual(['name', 'id', 'records']);
    expect(entry).toMatchObject({ name: 'web', id: task.id });
    expect(entry!.records.every((r) => Object.keys(r).join() === 'name,host,rtype')).toBe(true);
    expect(new Set(entry!.records.map((r) => r.rtype))).toEqual(new Set(['A', 'SRV']));

    const axfr = get(sb, '/mesos_dns/v1/axfr') as MesosDnsAxfr;
    expect(Object.keys(axfr)).toEqual(['TTL', 'Serial', 'RefreshSeconds', 'Mname', 'Rname', 'Domain', 'Records']);
    expect(axfr).toMatchObject({ TTL: 60, RefreshSeconds: 30, Mname: 'ns1.mesos.', Rname: 'root.ns1.mesos.', Domain: 'mesos' });
    expect(Object.keys(axfr.Records)).toEqual(['As', 'AAAAs', 'SRVs']);
    expect(axfr.Records.AAAAs).toEqual({});
    const names = Object.keys(axfr.Records.As);
    expect(names).toEqual([...names].sort());
    expect(Number.isInteger(axfr.Serial)).toBe(true);
  });

  it('answers 404 and 405 as go-restful does', async () => {
    const { sb } = await withApp();
    expect(request(sb, '/mesos_dns/v1/nothing')).toEqual({ status: 404, body: '404: Page Not Found' });
    expect(request(sb, '/mesos_dns/v1/version', 'POST')).toEqual({ status: 405, body: '405: Method Not Allowed' });
  });

  it("answers from the leader's Mesos-DNS, and without a leader from the first master that is up", async () => {
    const s = marathonScenario(AGENTS);
    s.cluster.masters = 3;
    const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
    untilBooted(sb);
    sb.advance(31_000);
    const leader = get(sb, '/mesos/master/state').leader_info.address.ip as string;
    expect(get(sb, '/mesos_dns/v1/hosts/ns1.mesos')).toEqual([{ host: 'ns1.mesos.', ip: leader }]);
    expect((get(sb, '/mesos_dns/v1/hosts/master.mesos') as unknown as MesosDnsHost[]).map((h) => h.ip)).toEqual([
      '10.0.0.11',
      '10.0.0.12',
      '10.0.0.13',
    ]);
    fault(sb, 'master-crash', get(sb, '/mesos/master/state').hostname as string);
    const answer = request(sb, '/mesos_dns/v1/hosts/leader.mesos');
    expect(answer.status).toBe(200);
    // The records from before the crash stay until a load succeeds again.
    expect(answer.body).toEqual([{ host: 'leader.mesos.', ip: leader }]);
    sb.advance(60_000);
    const next = get(sb, '/mesos/master/state').leader_info.address.ip as string;
    expect(get(sb, '/mesos_dns/v1/hosts/leader.mesos')).toEqual([{ host: 'leader.mesos.', ip: next }]);
  });
});
