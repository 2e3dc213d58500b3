/**
 * More of Cosmos' answers: each JSON-Schema keyword's error as Cosmos' validator words it, render, AmbiguousAppId, an
 * add index out of range, uninstall of an app that does not exist; and an SDK service's own API (plans, pods,
 * endpoints, what it does not know).
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import type { ApiResponse } from '../../../src/api/types.ts';
import { boot, type Json } from '../../support/marathon.ts';

const AGENTS = [{ hostname: 'agent', count: 4, resources: { cpus: 8, mem: 16384, disk: 20000, gpus: 0 } }];
const cosmos = (sb: Sandbox, op: string, body: unknown): ApiResponse => sb.request({ method: 'POST', path: `/package/${op}`, body });
const errorsOf = (res: ApiResponse) => ((res.body as Json).data?.errors ?? []) as Json[];

describe('options that fail their schema', () => {
  it.each([
    [{ kafka: { num_partitions: 0 } }, 'minimum', 'numeric instance is lower than the required minimum (minimum: 1, found: 0)'],
    [{ service: { deploy_strategy: 'sideways' } }, 'enum', undefined],
    [{ brokers: { heap: { size: 64, extra: 1 } } }, 'additionalProperties', undefined],
    [{ service: { name: 'Not A Name!' } }, 'pattern', undefined],
    [{ brokers: { count: 'three' } }, 'type', undefined],
  ])('%j: 400 JsonSchemaMismatch with the %s keyword', async (options, keyword, message) => {
    const sb = await boot(AGENTS);
    const res = cosmos(sb, 'install', { packageName: 'kafka', options });
    expect(res.status).toBe(400);
    expect((res.body as Json).type).toBe('JsonSchemaMismatch');
    const error = errorsOf(res).find((e) => e.keyword === keyword);
    expect(error).toBeDefined();
    expect(typeof error!.message).toBe('string');
    if (message) expect(error!.message).toBe(message);
  });
});

describe('render, ambiguity and bounds', () => {
  it('render answers the Marathon app install would post, with the options in it and no app created', async () => {
    const sb = await boot(AGENTS);
    const res = cosmos(sb, 'render', { packageName: 'kafka', options: { brokers: { count: 5 } } });
    expect(res.status).toBe(200);
    const app = (res.body as Json).marathonJson as Json;
    expect(app.env.BROKER_COUNT).toBe('5');
    expect(app.labels.DCOS_PACKAGE_NAME).toBe('kafka');
    expect(sb.request({ method: 'GET', path: '/marathon/v2/apps/kafka' }).status).toBe(404);
  });

  it('two installs of one package under different ids make uninstall ambiguous until --all or an app id', async () => {
    const sb = await boot(AGENTS);
    expect(cosmos(sb, 'install', { packageName: 'nginx', appId: '/web-a' }).status).toBe(200);
    expect(cosmos(sb, 'install', { packageName: 'nginx', appId: '/web-b' }).status).toBe(200);
    const ambiguous = cosmos(sb, 'uninstall', { packageName: 'nginx' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body).toMatchObject({
      type: 'AmbiguousAppId',
      message: 'Multiple apps named [nginx] are installed: [/web-a, /web-b]',
    });
    const one = cosmos(sb, 'uninstall', { packageName: 'nginx', appId: '/web-a' });
    expect((one.body as Json).results.map((r: Json) => r.appId)).toEqual(['/web-a']);
    const missing = cosmos(sb, 'uninstall', { packageName: 'nginx', appId: '/nope' });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(cosmos(sb, 'uninstall', { packageName: 'nginx', all: true }).status).toBe(200);
  });

  it('a repository index past the end is refused with the range it allows', async () => {
    const sb = await boot(AGENTS);
    const res = cosmos(sb, 'repository/add', { name: 'dev', uri: 'http://universe.marathon.mesos:8085/repo', index: 9 });
    expect(res.status).toBe(400);
    expect((res.body as Json).type).toBe('RepositoryAddIndexOutOfBounds');
  });
});

describe("an SDK service's API", () => {
  it('lists plans and pods, reports pod status and endpoints, and answers 404 for what it does not have', async () => {
    const sb = await boot(AGENTS, { marathon: { role: 'slave_public' } });
    expect(cosmos(sb, 'install', { packageName: 'kafka', options: { brokers: { count: 2 } } }).status).toBe(200);
    for (let t = 0; t < 300 && sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' }).status !== 200; t++) sb.advance(1000);
    const get = (path: string) => sb.request({ method: 'GET', path: `/service/kafka/v1/${path}` });
    expect(get('plans').body).toEqual(['deploy', 'recovery']);
    expect(get('pod').body).toEqual(['kafka-0', 'kafka-1']);
    const status = get('pod/status').body as Json;
    expect(status.service).toBe('kafka');
    expect(status.pods[0].instances.map((i: Json) => i.tasks[0].status)).toEqual(['RUNNING', 'RUNNING']);
    expect(get('endpoints').body).toEqual(['broker']);
    expect(get('plans/recovery').status).toBe(200);
    expect(get('nothing')).toMatchObject({ status: 404, body: 'Resource not found' });
    expect(sb.request({ method: 'GET', path: '/service/zookeeper/v1/plans' }).status).toBe(404);
  });
});
