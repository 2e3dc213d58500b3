/** A TutorialApi and a "show me" executor over a headless Sandbox, for the lesson tests. */
import { runCommand } from '../../src/cli/index.ts';
import type { ApiRequest } from '../../src/api/types.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import type { ShowMeExecutor } from '../../src/tutorial/runner.ts';
import type { TutorialApi } from '../../src/tutorial/types.ts';

export function sandboxApi(sb: Sandbox): TutorialApi {
  return {
    request: async (req: ApiRequest) => sb.request(req),
    get: async <T = unknown>(path: string): Promise<T | null> => {
      const res = sb.request({ method: 'GET', path });
      return res.status === 200 ? (res.body as T) : null;
    },
  };
}

/** Requests and `dcos` lines go to the sandbox; failures are collected so a test can show them. */
export function sandboxExecutor(sb: Sandbox, failures: string[]): ShowMeExecutor {
  return {
    request: async (req) => {
      const res = sb.request(req);
      if (res.status >= 300) failures.push(`${req.method} ${req.path} → ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    },
    cli: async (line) => {
      const out = await runCommand(line, sb.request);
      if (out.exitCode !== 0) failures.push(`${line.split('\n')[0]} → ${out.exitCode} ${out.stderr}`);
      return out;
    },
    navigate: () => {},
    ui: () => {},
  };
}

/**
 * The lesson's starting state: run until a Mesos and a Marathon leader lead, every framework
 * subscribed and the boot-time deployments are done, then 3 s more for agents to register.
 * (Unlike test/support's untilBooted, an agent or master a lesson starts crashed is not waited for.)
 */
export function untilSettled(sb: Sandbox): void {
  const expected = sb.scenario().frameworks.length + 1;
  for (let waited = 0; waited <= 60_000; waited += 100) {
    const { ha, frameworks } = sb.frame();
    const deployments = sb.request({ method: 'GET', path: '/marathon/v2/deployments' });
    const idle = deployments.status === 200 && Array.isArray(deployments.body) && deployments.body.length === 0;
    if (ha.leader !== null && ha.marathonLeader !== null && frameworks >= expected && idle) {
      sb.advance(3000);
      return;
    }
    sb.advance(100);
  }
  throw new Error("the lesson's cluster did not settle within a minute");
}
