/** The task page's Networking section: addresses on their networks, the port variables, DNS answers in words. */
import { describe, expect, it } from 'vitest';
import type { SandboxTaskNetwork } from '../../src/api/shapes/net.ts';
import { addressRows, dnsAnswer, nextNetwork, portEnvironment } from '../../src/ui/pages/services/detail/task-network.ts';

const BODY: SandboxTaskNetwork = {
  taskId: 't1',
  agent: 'a1',
  ipAddresses: ['9.0.1.2'],
  networks: ['dcos'],
  hostPorts: [],
  environment: { PORT0: '8080', PORT_HTTP: '8080', PORT: '8080', PORTS: '8080', HOST: 'a1', MARATHON_APP_ID: '/web', PORTAL: 'x' },
  secretEnvironment: {},
  dnsNames: [],
  vips: ['web.marathon.l4lb.thisdcos.directory:80'],
};

describe('the task page’s networking', () => {
  it('names each address’s network, or the agent’s on host networking', () => {
    expect(addressRows(BODY)).toEqual([{ ip: '9.0.1.2', network: 'dcos' }]);
    expect(addressRows({ ipAddresses: ['10.1.0.10'], networks: [] })).toEqual([{ ip: '10.1.0.10', network: 'host (agent IP)' }]);
  });

  it('keeps only the port variables and HOST', () => {
    expect(portEnvironment(BODY.environment)).toEqual([
      ['PORT0', '8080'],
      ['PORT_HTTP', '8080'],
      ['PORT', '8080'],
      ['PORTS', '8080'],
      ['HOST', 'a1'],
    ]);
    expect(portEnvironment(null)).toEqual([]);
  });

  it('says why a name answers nothing yet, and how to look up an SRV name', () => {
    const a = (name: string, resolver: 'mesos-dns' | 'dcos-dns', answers: string[] = []) => ({
      name,
      type: 'A' as const,
      resolver,
      answers,
    });
    expect(dnsAnswer(a('web.marathon.mesos', 'mesos-dns'))).toEqual({ kind: 'pending', text: 'not yet — Mesos-DNS reloads every 30 s' });
    expect(dnsAnswer(a('web.marathon.mesos', 'mesos-dns', ['9.0.1.2', '9.0.2.2']))).toEqual({ kind: 'answers', text: '9.0.1.2, 9.0.2.2' });
    expect(dnsAnswer(a('web.marathon.autoip.dcos.thisdcos.directory', 'dcos-dns')).kind).toBe('pending');
    expect(dnsAnswer({ name: '_web._tcp.marathon.mesos', type: 'SRV', resolver: 'mesos-dns', answers: [] })).toEqual({
      kind: 'srv',
      text: 'dig SRV _web._tcp.marathon.mesos',
    });
  });

  it('keeps the last answer while the API does not answer; a 404 (the task ended) replaces it', () => {
    const ok = { ok: true as const, body: BODY };
    expect(nextNetwork(null, ok)).toBe(ok);
    expect(nextNetwork(ok, { ok: false, why: '503 no leader' })).toBe(ok);
    expect(nextNetwork(ok, { ok: false, why: "404 Task 't1' is not running" })).toEqual({ ok: false, why: "404 Task 't1' is not running" });
    expect(nextNetwork(null, { ok: false, why: '503 no leader' })).toEqual({ ok: false, why: '503 no leader' });
  });
});
