import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import type { SdkPlanJson, SdkPodStatusJson } from '../../src/api/shapes/sdk.ts';
import { appActions } from '../../src/ui/pages/services/actions.ts';
import { MarathonClient } from '../../src/ui/pages/services/marathon-client.ts';
import { readApp } from '../../src/ui/pages/services/marathon-read.ts';
import type { MarathonApp } from '../../src/ui/pages/services/marathon-types.ts';
import {
  planIcon,
  planRows,
  planStatusTip,
  planStatusWord,
  planTitle,
  podRows,
  taskKind,
  taskWord,
} from '../../src/ui/pages/services/sdk/plan-view.ts';
import type { SdkData as SdkDataType, endpointView as EndpointViewFn } from '../../src/ui/pages/services/sdk/sdk-data.svelte.ts';
import { planSummary, sdkServiceName } from '../../src/ui/pages/services/sdk/sdk-status.ts';
import { sdkStatus } from '../../src/ui/pages/services/status.ts';
import type { ServicesData as ServicesDataType } from '../../src/ui/pages/services/services-data.svelte.ts';
import { DETAIL_TABS, parseServicesHash, POD_TABS } from '../../src/ui/pages/services/services-route.ts';
import { appStatus, STATUS, STATUS_FILTERS } from '../../src/ui/pages/services/status.ts';
import { childRows } from '../../src/ui/pages/services/tree.ts';
import { installRunes } from '../support/runes.ts';

// The stores' runes without the Svelte compiler: `$state(v)` is plain `v`.
let SdkData: typeof SdkDataType;
let ServicesData: typeof ServicesDataType;
let endpointView: typeof EndpointViewFn;
beforeAll(async () => {
  installRunes();
  ({ SdkData, endpointView } = await import('../../src/ui/pages/services/sdk/sdk-data.svelte.ts'));
  ({ ServicesData } = await import('../../src/ui/pages/services/services-data.svelte.ts'));
});

const LABELS = {
  DCOS_PACKAGE_NAME: 'kafka',
  DCOS_COMMONS_API_VERSION: 'v1',
  DCOS_SERVICE_NAME: 'kafka',
  MARATHON_SINGLE_INSTANCE_APP: 'true',
};

function kafkaApp(over: Record<string, unknown> = {}): MarathonApp {
  return readApp({ id: '/kafka', instances: 1, tasksRunning: 1, labels: LABELS, ...over })!;
}

function plan(statuses: string[][], status: SdkPlanJson['status'] = 'IN_PROGRESS', errors: string[] = []): SdkPlanJson {
  return {
    phases: statuses.map((steps, p) => ({
      id: `p${p}`,
      name: `phase-${p}`,
      strategy: 'serial',
      status: steps.every((s) => s === 'COMPLETE') ? 'COMPLETE' : 'IN_PROGRESS',
      steps: steps.map((s, i) => ({ id: `s${i}`, name: `kafka-${i}:[broker]`, status: s as SdkPlanJson['status'], message: `m${i}` })),
    })),
    errors,
    strategy: 'serial',
    status,
  };
}

describe('an SDK service in the Services list', () => {
  it('is a Marathon app labelled DCOS_COMMONS_API_VERSION, named by DCOS_SERVICE_NAME', () => {
    expect(sdkServiceName(kafkaApp().raw)).toBe('kafka');
    expect(sdkServiceName({ id: '/prod/kafka', labels: { DCOS_COMMONS_API_VERSION: 'v1' } })).toBe('prod/kafka');
    expect(sdkServiceName({ id: '/web', labels: { DCOS_PACKAGE_NAME: 'nginx' } })).toBeNull();
    expect(sdkServiceName({ id: '/web' })).toBeNull();
  });

  it('counts the deploy plan steps done', () => {
    expect(planSummary(plan([['COMPLETE', 'STARTING', 'PENDING']]))).toEqual({ status: 'IN_PROGRESS', done: 1, total: 3 });
    expect(planSummary(plan([['COMPLETE'], ['COMPLETE', 'COMPLETE']], 'COMPLETE'))).toEqual({ status: 'COMPLETE', done: 3, total: 3 });
  });

  it('takes its status from the deploy plan: Running when complete, Deploying (done of all) else, Marathon’s on errors', () => {
    expect(sdkStatus({ status: 'COMPLETE', done: 3, total: 3 })).toBe(STATUS.running);
    const deploying = sdkStatus({ status: 'IN_PROGRESS', done: 1, total: 3 })!;
    expect(deploying).toMatchObject({ word: 'Deploying (1 of 3)', kind: 'deploying', priority: STATUS.deploying.priority });
    expect(sdkStatus({ status: 'PENDING', done: 0, total: 3 })!.word).toBe('Deploying (0 of 3)');
    expect(sdkStatus({ status: 'WAITING', done: 2, total: 3 })!.word).toBe('Deploying (2 of 3)');
    expect(sdkStatus({ status: 'ERROR', done: 0, total: 3 })).toBeNull();
  });

  it('shows the plan’s status before Marathon’s, and Marathon’s without an answer or on errors', () => {
    const app = kafkaApp();
    expect(appStatus(app, undefined)).toBe(STATUS.running);
    expect(appStatus({ ...app, sdk: { status: 'STARTING', done: 0, total: 3 } }, undefined).word).toBe('Deploying (0 of 3)');
    expect(appStatus({ ...app, sdk: { status: 'ERROR', done: 0, total: 3 } }, undefined)).toBe(STATUS.running);
    const row = childRows(
      { id: '/', groups: [], apps: [{ ...app, sdk: { status: 'IN_PROGRESS', done: 2, total: 3 } }], pods: [] },
      new Map(),
    )[0]!;
    expect(row.status.word).toBe('Deploying (2 of 3)');
  });

  it('matches the Deploying filter while it deploys', () => {
    const deploying = STATUS_FILTERS.find((f) => f.id === 'deploying')!;
    expect(deploying.match(sdkStatus({ status: 'IN_PROGRESS', done: 1, total: 3 })!)).toBe(true);
    expect(deploying.match(STATUS.deploying)).toBe(true);
    expect(deploying.match(STATUS.deployingAwaiting)).toBe(false);
  });

  it('has DC/OS’s menu: Edit, View Plans, Delete (no restart, suspend or resume; no scale of a single-instance scheduler)', () => {
    expect(appActions(kafkaApp()).map((a) => a.label)).toEqual(['Edit', 'View Plans', 'Delete']);
    const scalable = kafkaApp({ labels: { ...LABELS, MARATHON_SINGLE_INSTANCE_APP: undefined } });
    expect(appActions(scalable).map((a) => a.kind)).toEqual(['edit', 'plans', 'scale', 'destroy']);
    expect(appActions(readApp({ id: '/web', instances: 1 })!).map((a) => a.kind)).toEqual([
      'edit',
      'scale',
      'restart',
      'suspend',
      'destroy',
    ]);
  });

  it('gets the Endpoints, Plans and Pods tabs only on an SDK service’s page', () => {
    expect(DETAIL_TABS.map((t) => t.label)).toEqual([
      'Instances',
      'Configuration',
      'Deployments',
      'Debug',
      'Endpoints',
      'Plans',
      'Pods',
      'Volumes',
    ]);
    expect(POD_TABS.map((t) => t.id)).toEqual(['tasks', 'configuration', 'debug']);
    expect(parseServicesHash('#/services/detail/%2Fkafka/plans')).toEqual({ view: 'detail', appId: '/kafka', tab: 'plans' });
  });
});

describe('the Plans tab', () => {
  it('words each status as DC/OS does, with its icon', () => {
    expect(
      ['ERROR', 'WAITING', 'PENDING', 'PREPARED', 'STARTING', 'STARTED', 'COMPLETE', 'IN_PROGRESS', 'DELAYED'].map(planStatusWord),
    ).toEqual(['Error', 'Waiting', 'Pending', 'Prepared', 'Starting', 'Started', 'Complete', 'In Progress', 'Delayed']);
    expect(['COMPLETE', 'ERROR', 'PENDING', 'WAITING', 'DELAYED', 'STARTING', 'IN_PROGRESS', 'ODD'].map(planIcon)).toEqual([
      'complete',
      'error',
      'yield',
      'yield',
      'yield',
      'spinner',
      'spinner',
      'unknown',
    ]);
  });

  it('gives DC/OS’s tooltips; a phase in progress counts its steps', () => {
    expect(planStatusTip('PENDING', 'step')).toBe('Execution is waiting for suitable offers.');
    expect(planStatusTip('PREPARED', 'phase')).toMatch(/^The phase has been evaluated/);
    expect(planStatusTip('PREPARED', 'step')).toMatch(/^The step has been evaluated/);
    expect(planStatusTip('IN_PROGRESS', 'phase', [{ status: 'COMPLETE' }, { status: 'PENDING' }, { status: 'PENDING' }])).toBe(
      '1 out of 3 steps completed.',
    );
    expect(planStatusTip('IN_PROGRESS', 'step')).toBeNull();
  });

  it('flattens a plan into a row a phase, "name (strategy)", then a row a step', () => {
    const rows = planRows(plan([['COMPLETE', 'STARTING', 'PENDING']]));
    expect(rows.map((r) => [r.type, r.key, r.label, r.word])).toEqual([
      ['phase', 'p0', 'phase-0 (serial)', 'In Progress'],
      ['step', 'p0/s0', 'kafka-0:[broker]', 'Complete'],
      ['step', 'p0/s1', 'kafka-1:[broker]', 'Starting'],
      ['step', 'p0/s2', 'kafka-2:[broker]', 'Pending'],
    ]);
    expect(rows[0]!.tip).toBe('1 out of 3 steps completed.');
    expect(rows[1]!.message).toBe('m0');
    expect(planRows(plan([]))).toEqual([]);
    expect(planTitle('deploy', plan([], 'COMPLETE'))).toBe('deploy (serial) - Complete');
  });
});

describe('the Pods tab', () => {
  const status: SdkPodStatusJson = {
    service: 'kafka',
    pods: [
      {
        name: 'kafka',
        instances: [
          { name: 'kafka-0', tasks: [{ id: 'kafka-0-broker__1', name: 'kafka-0-broker', status: 'RUNNING' }] },
          { name: 'kafka-1', tasks: [{ id: '', name: 'kafka-1-broker', status: 'NOT_LAUNCHED' }] },
          { name: 'kafka-2', tasks: [] },
        ],
      },
    ],
  };

  it('has a row a task, the first of each instance marked', () => {
    expect(podRows(status).map((r) => [r.instance, r.first, r.task, r.status])).toEqual([
      ['kafka-0', true, 'kafka-0-broker', 'RUNNING'],
      ['kafka-1', true, 'kafka-1-broker', 'NOT_LAUNCHED'],
      ['kafka-2', true, '', ''],
    ]);
  });

  it('words the task states', () => {
    expect(['RUNNING', 'STAGING', 'FAILED', 'KILLED', 'NOT_LAUNCHED'].map((s) => [taskKind(s), taskWord(s)])).toEqual([
      ['running', 'Running'],
      ['starting', 'Staging'],
      ['warning', 'Failed'],
      ['stopped', 'Killed'],
      ['na', 'Not launched'],
    ]);
  });
});

describe('reading the scheduler', () => {
  function fake(routes: Record<string, ApiResponse>, seen: string[] = []): (req: ApiRequest) => Promise<ApiResponse> {
    return (req) => {
      seen.push(`${req.method} ${req.path}`);
      return Promise.resolve(routes[`${req.method} ${req.path}`] ?? { status: 404, body: 'Resource not found' });
    };
  }

  it('reads every plan, a 417 plan (errors) included', async () => {
    const deploy = plan([['COMPLETE']], 'COMPLETE');
    const recovery = plan([['ERROR']], 'ERROR', ['broken']);
    const sdk = new SdkData(
      fake({
        'GET /service/kafka/v1/plans': { status: 200, body: ['deploy', 'recovery'] },
        'GET /service/kafka/v1/plans/deploy': { status: 200, body: deploy },
        'GET /service/kafka/v1/plans/recovery': { status: 417, body: recovery },
      }),
      'kafka',
      'plans',
    );
    await sdk.refresh();
    expect(sdk.plans).toEqual([
      { name: 'deploy', plan: deploy },
      { name: 'recovery', plan: recovery },
    ]);
    expect(sdk.problem).toBeNull();
  });

  it('says the scheduler’s problem while it does not answer', async () => {
    const sdk = new SdkData(fake({}), 'kafka', 'pods');
    await sdk.refresh();
    expect(sdk.pods).toBeNull();
    expect(sdk.problem).toMatchObject({ status: 404, message: 'Resource not found' });
  });

  it('restarts or replaces a pod by POST', async () => {
    const seen: string[] = [];
    const sdk = new SdkData(
      fake({ 'POST /service/kafka/v1/pod/kafka-0/replace': { status: 200, body: { pod: 'kafka-0', tasks: ['kafka-0-broker__1'] } } }, seen),
      'kafka',
      'pods',
    );
    expect(await sdk.podAction('kafka-0', 'replace')).toEqual({ ok: true, value: { pod: 'kafka-0', tasks: ['kafka-0-broker__1'] } });
    expect(seen).toEqual(['POST /service/kafka/v1/pod/kafka-0/replace']);
    expect((await sdk.podAction('kafka-9', 'restart')).ok).toBe(false);
  });

  it('reads an endpoint as DC/OS does (lists joined), a file as its text, a refusal as a problem', () => {
    expect(
      endpointView('broker', {
        ok: true,
        value: { address: ['10.0.0.1:1025', '10.0.0.2:1025'], dns: ['a:1025'], vip: 'broker.kafka.l4lb.thisdcos.directory:9092' },
      }),
    ).toEqual({
      name: 'broker',
      address: '10.0.0.1:1025,10.0.0.2:1025',
      dns: 'a:1025',
      vip: 'broker.kafka.l4lb.thisdcos.directory:9092',
    });
    expect(endpointView('client.properties', { ok: true, value: 'a=b' }).file).toBe('a=b');
    expect(endpointView('x', { ok: false, problem: { status: 404, message: 'no', details: [], deployments: [] } }).problem?.status).toBe(
      404,
    );
  });

  it('gives the list’s SDK apps their deploy plan in brief, polled with the list', async () => {
    const seen: string[] = [];
    const apps = { apps: [kafkaApp().raw, readApp({ id: '/web', instances: 1 })!.raw] };
    const data = new ServicesData(
      new MarathonClient(
        fake(
          {
            'GET /marathon/v2/apps?embed=apps.deployments&embed=apps.lastTaskFailure&embed=apps.counts': { status: 200, body: apps },
            'GET /service/kafka/v1/plans/deploy': { status: 202, body: plan([['COMPLETE', 'PENDING', 'PENDING']]) },
          },
          seen,
        ),
      ),
    );
    let watched = 0;
    const stop = data.watch(() => Promise.resolve(void watched++));
    await data.refresh(true);
    stop();
    await data.refresh(true);
    const kafka = data.tree!.apps.find((a) => a.id === '/kafka')!;
    expect(kafka.sdk).toEqual({ status: 'IN_PROGRESS', done: 1, total: 3 });
    expect(data.tree!.apps.find((a) => a.id === '/web')!.sdk).toBeUndefined();
    expect(seen.filter((s) => s.startsWith('GET /service/'))).toEqual([
      'GET /service/kafka/v1/plans/deploy',
      'GET /service/kafka/v1/plans/deploy',
    ]);
    expect(watched).toBe(1);
  });
});
