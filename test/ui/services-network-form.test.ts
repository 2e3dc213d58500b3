/**
 * The app form's Network section: the mode and ports read from an app definition and written back
 * (portDefinitions on the host's network, container.portMappings on a bridge or virtual network, a VIP as
 * its `VIP_<i>` label), the VIP's DNS name as a hint, and Marathon's 422 details placed on the section's fields.
 */
import { describe, expect, it } from 'vitest';
import { fieldErrors, formFromJson, jsonFromForm } from '../../src/ui/pages/services/app-form.ts';
import {
  emptyPort,
  networkFromJson,
  switchMode,
  vipDnsHint,
  vipValue,
  withNetwork,
  type NetworkForm,
} from '../../src/ui/pages/services/network-form.ts';
import { boot, post, type Json } from '../support/marathon.ts';

/** What the form sends: its main fields, then its Network section, over `base`. */
function read(base: Json, net: NetworkForm): Json {
  const out = jsonFromForm(formFromJson(base), base);
  withNetwork(out, net, base);
  return out;
}

describe('the app form’s network section', () => {
  it('reads the mode and ports Marathon echoes, and writes them back unchanged', () => {
    const host = {
      id: '/h',
      cmd: 'serve',
      networks: [{ mode: 'host' }],
      portDefinitions: [{ port: 10001, name: 'default', protocol: 'tcp', labels: { VIP_0: '/h:80', other: 'x' } }],
    };
    const net = networkFromJson(host);
    expect(net).toMatchObject({ mode: 'host', ports: [{ port: '10001', name: 'default', protocol: 'tcp', vip: '/h:80' }] });
    expect(read(host, net)).toEqual(host);
    const virtual = {
      id: '/web',
      cmd: 'serve',
      networks: [{ name: 'dcos', mode: 'container' }],
      container: {
        type: 'MESOS',
        volumes: [],
        portMappings: [{ containerPort: 8080, labels: { VIP_0: '/web:80' }, protocol: 'tcp', servicePort: 10000, networkNames: ['dcos'] }],
      },
    };
    const vnet = networkFromJson(virtual);
    expect(vnet).toMatchObject({ mode: 'container', name: 'dcos', ports: [{ containerPort: '8080', hostPort: '', servicePort: '10000' }] });
    expect(read(virtual, vnet)).toEqual(virtual);
    expect(networkFromJson({ id: '/b', networks: [{ mode: 'container/bridge' }] }).mode).toBe('bridge');
    // No networks: Marathon's default, the host's; left out when unchanged.
    expect(networkFromJson({ id: '/x', cmd: 'x' })).toEqual({ mode: 'host', name: 'dcos', ports: [] });
    expect(read({ id: '/x', cmd: 'x' }, networkFromJson({ id: '/x', cmd: 'x' }))).toEqual({ id: '/x', cmd: 'x' });
  });

  it('writes a virtual network with a port mapping and its VIP, creating a MESOS container', () => {
    const base = { id: '/web', cmd: 'serve', instances: 2 };
    const net = switchMode(networkFromJson(base), 'container');
    net.ports.push({ ...emptyPort(), containerPort: '8080', vip: '/web:80' });
    expect(read(base, net)).toEqual({
      id: '/web',
      cmd: 'serve',
      instances: 2,
      networks: [{ mode: 'container', name: 'dcos' }],
      container: { type: 'MESOS', portMappings: [{ containerPort: 8080, protocol: 'tcp', labels: { VIP_0: '/web:80' } }] },
    });
    // A bare port is the app's own name; host port 0 (any) is kept, empty is none.
    net.ports.push({
      ...emptyPort(),
      containerPort: '9090',
      hostPort: '0',
      servicePort: '10101',
      name: 'admin',
      protocol: 'udp',
      vip: '81',
    });
    expect((read(base, net).container as Json).portMappings[1]).toEqual({
      containerPort: 9090,
      hostPort: 0,
      servicePort: 10101,
      name: 'admin',
      protocol: 'udp',
      labels: { VIP_1: '/web:81' },
    });
    // A bridge, with the image's container kept.
    const docker = { id: '/d', container: { type: 'DOCKER', docker: { image: 'nginx' } } };
    const bridged = switchMode(networkFromJson(docker), 'bridge');
    bridged.ports.push({ ...emptyPort(), containerPort: '80' });
    expect(read(docker, bridged)).toEqual({
      id: '/d',
      networks: [{ mode: 'container/bridge' }],
      container: { type: 'DOCKER', docker: { image: 'nginx' }, portMappings: [{ containerPort: 80, protocol: 'tcp' }] },
    });
  });

  it('switches modes carrying the ports over, and back to host drops the mappings', () => {
    const base = { id: '/web', cmd: 'serve', portDefinitions: [{ port: 8080, protocol: 'tcp', labels: { VIP_0: '/web:80' } }] };
    const virtual = switchMode(networkFromJson(base), 'container');
    expect(virtual.ports[0]).toMatchObject({ containerPort: '8080', vip: '/web:80' });
    const sent = read(base, virtual);
    expect(sent).not.toHaveProperty('portDefinitions');
    expect(sent.container).toEqual({
      type: 'MESOS',
      portMappings: [{ containerPort: 8080, protocol: 'tcp', labels: { VIP_0: '/web:80' } }],
    });
    const back = switchMode(networkFromJson(sent), 'host');
    expect(read(sent, back)).toEqual({
      id: '/web',
      cmd: 'serve',
      networks: [{ mode: 'host' }],
      portDefinitions: [{ port: 8080, protocol: 'tcp', labels: { VIP_0: '/web:80' } }],
    });
    // Several virtual networks are kept while the mode and name stay.
    const two = {
      id: '/m',
      cmd: 'x',
      networks: [
        { mode: 'container', name: 'dcos' },
        { mode: 'container', name: 'other' },
      ],
    };
    expect(read(two, networkFromJson(two)).networks).toEqual(two.networks);
    expect(read(two, { ...networkFromJson(two), name: 'blue' }).networks).toEqual([{ mode: 'container', name: 'blue' }]);
    // A removed VIP removes its label only.
    const noVip = networkFromJson({ id: '/a', portDefinitions: [{ port: 1, labels: { VIP_0: '/a:1', keep: 'y' } }] });
    noVip.ports[0]!.vip = '';
    expect(read({ id: '/a', portDefinitions: [] }, noVip).portDefinitions).toEqual([{ port: 1, protocol: 'tcp', labels: { keep: 'y' } }]);
  });

  it('names a VIP’s DNS name as dcos-net does', () => {
    expect(vipDnsHint('/myapp:80')).toBe('myapp.marathon.l4lb.thisdcos.directory:80');
    expect(vipDnsHint('/prod/web:8080')).toBe('prodweb.marathon.l4lb.thisdcos.directory:8080');
    expect(vipDnsHint('my.app:53')).toBe('my.app.marathon.l4lb.thisdcos.directory:53');
    expect(vipDnsHint('/web')).toBeNull();
    expect(vipDnsHint('/web:http')).toBeNull();
    expect(vipDnsHint('10.0.0.1:80')).toBeNull();
    expect(vipValue('80', '/prod/web')).toBe('/prod/web:80');
    expect(vipValue(':81', 'web')).toBe('/web:81');
    expect(vipValue(' /other:80 ', '/web')).toBe('/other:80');
  });

  it('places 422 details on the network fields', () => {
    const errs = fieldErrors([
      { path: '/networks(0)/mode', errors: ['error.unknown.enum.literal'] },
      { path: '/networks(0)/name', errors: ['must match'] },
      { path: '/networks', errors: ['May specify a single host network, single bridge network, or else 1-to-n container networks'] },
      { path: '/container/portMappings(0)/containerPort', errors: ['error.expected.jsnumber'] },
      { path: '/container/portMappings(1)/labels', errors: ['bad VIP'] },
      { path: '/container/portMappings(1)/networkNames(0)', errors: ['is not one of (dcos)'] },
      { path: '/portDefinitions(2)/port', errors: ['error.min'] },
      { path: '/container/portMappings', errors: ['Port names must be unique.'] },
      { path: '/', errors: ['cannot specify both ports and port definitions'] },
      { path: '/container/docker/image', errors: ['must not be empty'] },
    ]);
    expect(errs.byField).toEqual({
      networkMode: [
        'is not one of the allowed values',
        'May specify a single host network, single bridge network, or else 1-to-n container networks',
      ],
      networkName: ['must match'],
      'port(0)/containerPort': ['must be a number'],
      'port(1)/vip': ['bad VIP'],
      'port(1)': ['is not one of (dcos)'],
      'port(2)/port': ['is below the minimum'],
      ports: ['Port names must be unique.', 'cannot specify both ports and port definitions'],
      image: ['must not be empty'],
    });
    expect(errs.other).toEqual([]);
  });

  it('places what the API answers about the form’s ports on them', async () => {
    const sb = await boot([{ hostname: 'a1', resources: { cpus: 4, mem: 4096, disk: 1000, ports: [[31000, 31100]] } }]);
    const base = { id: '/web', cmd: 'serve' };
    const net = switchMode(networkFromJson(base), 'container');
    net.ports.push({ ...emptyPort(), containerPort: 'http', hostPort: '-2', name: 'A B' });
    const res = post(sb, '/marathon/v2/apps', read(base, net));
    expect(res.status).toBe(422);
    const errs = fieldErrors(res.body.details as Array<{ path: string; errors: string[] }>);
    expect(Object.keys(errs.byField).sort()).toEqual(['port(0)/containerPort', 'port(0)/hostPort', 'port(0)/name']);
    expect(errs.other).toEqual([]);
    const ok = switchMode(net, 'container');
    ok.ports = [{ ...emptyPort(), containerPort: '8080', vip: '/web:80' }];
    expect(post(sb, '/marathon/v2/apps', read(base, ok)).status).toBe(201);
  });
});
