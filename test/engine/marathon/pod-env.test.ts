/**
 * The endpoint environment of pod tasks (MA:…/mesos/TaskGroupBuilder.scala:667-690 `endpointEnvVars`, HOST at :501),
 * and the instance that carries it once its tasks launch.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { endpointEnvName, podEnv } from '../../../src/engine/marathon/pod-env.ts';
import type { NetworkMode, PodContainer, PodDefinition, PodEndpoint } from '../../../src/common/marathon/pod-definition.ts';
import type { InstanceState } from '../../../src/engine/marathon/model.ts';
import { agent } from '../../support/cluster.ts';
import { boot, post } from '../../support/marathon.ts';

const container = (name: string, endpoints: PodEndpoint[]): PodContainer =>
  ({ name, resources: { cpus: 1, mem: 128, disk: 0, gpus: 0 }, endpoints, healthCheck: null, extra: {} }) as PodContainer;
const pod = (networkMode: NetworkMode, containers: PodContainer[]): PodDefinition =>
  ({ id: '/product/frontend', networkMode, containers }) as unknown as PodDefinition;

describe('the endpoint environment (TaskGroupBuilder.endpointEnvVars)', () => {
  it("upstream's example: container networking, each task gets every endpoint of the pod (TaskGroupBuilderTest:1064-1132)", () => {
    const frontend = pod('container', [
      container('Foo1', [{ name: 'webserver', containerPort: 80, hostPort: 8080, protocol: ['tcp', 'udp'] }]),
      container('Foo2', [{ name: 'webapp', containerPort: 1234, hostPort: 8081 }]),
    ]);
    expect(podEnv(frontend, [8080, 8081], 'a1')).toEqual({
      HOST: 'a1',
      // Not on host networking: ENDPOINT_ is the containerPort, though a host port was taken.
      ENDPOINT_WEBSERVER: '80',
      EP_HOST_WEBSERVER: '8080',
      EP_CONTAINER_WEBSERVER: '80',
      ENDPOINT_WEBAPP: '1234',
      EP_HOST_WEBAPP: '8081',
      EP_CONTAINER_WEBAPP: '1234',
    });
  });

  it('host networking: ENDPOINT_ is the host port taken (a dynamic one as allocated), no EP_CONTAINER_', () => {
    const web = pod('host', [
      container('nginx', [{ name: 'http', hostPort: 0 }]),
      container('sidecar', [{ name: 'admin', hostPort: 31050 }]),
    ]);
    expect(podEnv(web, [31007, 31050], 'a2')).toEqual({
      HOST: 'a2',
      ENDPOINT_HTTP: '31007',
      EP_HOST_HTTP: '31007',
      ENDPOINT_ADMIN: '31050',
      EP_HOST_ADMIN: '31050',
    });
  });

  it('container networking without a host port: no EP_HOST_; bridge without a containerPort: no ENDPOINT_', () => {
    const overlay = pod('container', [container('app', [{ name: 'grpc', containerPort: 9090 }])]);
    expect(podEnv(overlay, [null], 'a1')).toEqual({ HOST: 'a1', ENDPOINT_GRPC: '9090', EP_CONTAINER_GRPC: '9090' });
    const bridge = pod('container/bridge', [container('app', [{ name: 'metrics', hostPort: 0 }])]);
    expect(podEnv(bridge, [31002], 'a1')).toEqual({ HOST: 'a1', EP_HOST_METRICS: '31002' });
  });

  it('names: upper-cased, each run of other characters than [A-Z0-9_] one _; a later endpoint escaping alike wins', () => {
    expect(endpointEnvName('http-admin')).toBe('HTTP_ADMIN');
    expect(endpointEnvName('a--b-9')).toBe('A_B_9');
    expect(endpointEnvName('x.y/z_1')).toBe('X_Y_Z_1');
    const clash = pod('container', [
      container('c', [
        { name: 'a-b', containerPort: 1 },
        { name: 'a--b', containerPort: 2 },
      ]),
    ]);
    expect(podEnv(clash, [null, null], 'h')).toEqual({ HOST: 'h', ENDPOINT_A_B: '2', EP_CONTAINER_A_B: '2' });
  });

  it('no endpoints: only HOST', () => {
    expect(podEnv(pod('host', [container('solo', [])]), [], 'a1')).toEqual({ HOST: 'a1' });
  });
});

describe('a launched pod instance carries the environment', () => {
  const instancesOf = (sb: Sandbox, id: string): InstanceState[] => {
    const m = sb.snapshot().cluster.marathon;
    return m.runSpecs[id]!.instanceIds.map((i) => m.instances[i]!);
  };

  it('host networking: the host ports the instance took, and its agent', async () => {
    const sb = await boot([agent('a1', { cpus: 8, mem: 8192, disk: 1000, ports: [[31000, 31099]] })], { seed: 3 });
    const body = {
      id: '/web',
      containers: [
        { name: 'nginx', resources: { cpus: 0.5, mem: 64 }, endpoints: [{ name: 'http', hostPort: 0 }] },
        { name: 'side-car', resources: { cpus: 0.1, mem: 32 }, endpoints: [{ name: 'admin-api', hostPort: 31050 }] },
      ],
    };
    expect(post(sb, '/marathon/v2/pods', body).status).toBe(201);
    sb.advance(15_000);
    const [instance] = instancesOf(sb, '/web');
    const [dynamic, fixed] = instance!.hostPorts as number[];
    expect(fixed).toBe(31050);
    expect(instance!.env).toEqual({
      HOST: 'a1',
      ENDPOINT_HTTP: String(dynamic),
      EP_HOST_HTTP: String(dynamic),
      ENDPOINT_ADMIN_API: '31050',
      EP_HOST_ADMIN_API: '31050',
    });
  });
});
