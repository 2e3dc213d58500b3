// Marathon through the real worker in Chromium: POST an app with bridge.request, advance the
// cluster (step, then play), and read its tasks TASK_RUNNING from GET /marathon/v2/apps/{id}.
// The app has a hostname UNIQUE constraint, so its placement goes through the matcher kernel
// (the real Wasm by default, the TypeScript twin when asked; both must give the same history).
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import type { ApiResponse } from '../../src/api/types.ts';
import { SandboxBridge } from '../../src/worker/bridge.ts';
import { assert, assertEqual } from './assert.ts';

interface AppTask {
  id: string;
  host: string;
  state: string;
}
interface App {
  id: string;
  instances: number;
  tasksRunning: number;
  tasks: AppTask[];
}

const APP = {
  id: '/browser/hello',
  cmd: 'python3 -m http.server $PORT0',
  instances: 3,
  cpus: 0.1,
  mem: 32,
  constraints: [['hostname', 'UNIQUE']],
};

async function appOf(bridge: SandboxBridge, id: string): Promise<App> {
  const res = await bridge.request({ method: 'GET', path: `/marathon/v2/apps${id}` });
  assertEqual(res.status, 200, `GET /marathon/v2/apps${id} status`);
  return (res.body as { app: App }).app;
}

function assertRunning(app: App, instances: number): void {
  assertEqual(app.tasksRunning, instances, 'tasksRunning');
  assertEqual(
    app.tasks.map((t) => t.state),
    Array.from({ length: instances }, () => 'TASK_RUNNING'),
    'task states',
  );
  assertEqual(new Set(app.tasks.map((t) => t.host)).size, instances, 'distinct hosts (hostname UNIQUE)');
}

/** Load the default scenario, let it boot, POST the app, step 30 s: the app's history hash and state. */
async function postAndStep(options: { matcher: 'wasm' | 'ts' }): Promise<{ hash: string; app: App; posted: ApiResponse }> {
  const bridge = new SandboxBridge();
  try {
    assert((await bridge.load(defaultScenario, options)).ok, 'the default scenario loads');
    await bridge.step(5000);
    const posted = await bridge.request({ method: 'POST', path: '/marathon/v2/apps', body: APP });
    await bridge.step(30_000);
    return { hash: await bridge.remote.historyHash(), app: await appOf(bridge, APP.id), posted };
  } finally {
    bridge.terminate();
  }
}

describe('Marathon in the worker', () => {
  it('launches a POSTed app: its tasks are TASK_RUNNING after stepping, the same with the Wasm and TS matchers', async () => {
    const wasm = await postAndStep({ matcher: 'wasm' });
    assertEqual(wasm.posted.status, 201, 'POST /marathon/v2/apps status');
    assertEqual((wasm.posted.body as { id: string }).id, APP.id, 'posted app id');
    assertRunning(wasm.app, APP.instances);
    assert(
      wasm.app.tasks.every((t) => t.id.startsWith('browser_hello.instance-')),
      `Marathon task ids: ${wasm.app.tasks.map((t) => t.id).join(', ')}`,
    );

    const ts = await postAndStep({ matcher: 'ts' });
    assertEqual(ts.hash, wasm.hash, 'history hash with the TS matcher');
    assertEqual(ts.app.tasks, wasm.app.tasks, 'tasks with the TS matcher');
  });

  it('launches a POSTed app while playing', async () => {
    const bridge = new SandboxBridge();
    try {
      assert((await bridge.load(defaultScenario)).ok, 'the default scenario loads');
      await bridge.setSpeed(1000);
      await bridge.play();
      const deadline = performance.now() + 30_000;
      /** Poll (20 ms wall) while the worker plays, until `done` holds. */
      const waitFor = async (done: () => Promise<boolean>, what: string): Promise<void> => {
        for (;;) {
          const status = await bridge.status();
          assert(status.error === null, `the engine failed while playing: ${status.error}`);
          if (await done()) return;
          assert(performance.now() < deadline, `timed out waiting for ${what} (simulated ${status.now} ms)`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      await waitFor(async () => (await bridge.status()).now >= 5000, 'the cluster to boot');
      const posted = await bridge.request({ method: 'POST', path: '/marathon/v2/apps', body: APP });
      assertEqual(posted.status, 201, 'POST /marathon/v2/apps status');
      const deploying = async () =>
        ((await bridge.request({ method: 'GET', path: '/marathon/v2/deployments' })).body as { affectedApps: string[] }[]).some((d) =>
          d.affectedApps.includes(APP.id),
        );
      await waitFor(
        async () => (await appOf(bridge, APP.id)).tasksRunning === APP.instances && !(await deploying()),
        'the tasks to run and the deployment to end',
      );
      await bridge.pause();
      assertRunning(await appOf(bridge, APP.id), APP.instances);
    } finally {
      bridge.terminate();
    }
  });
});
