/**
 * "Least privilege" (src/tutorial/lessons/least-privilege.ts, goals in src/tutorial/operate-goals.ts): the user may
 * deploy under /dev and is refused /prod with Marathon's 403; each goal holds once its step is done and not when it
 * was done otherwise (too broad a grant, a deploy as the superuser, a /prod app made after all); goals read as the
 * session's user, so a goal that needs the IAM API cannot hold while the restricted user is signed in.
 */
import { describe, expect, it } from 'vitest';
import type { MarathonApp } from '../../src/api/shapes/marathon.ts';
import type { ApiRequest, ApiResponse } from '../../src/api/types.ts';
import { runCommand } from '../../src/cli/index.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { devApp, devGrants, devUser, leastPrivilege } from '../../src/tutorial/lessons/least-privilege.ts';
import { LessonRunner } from '../../src/tutorial/runner.ts';
import type { Goal } from '../../src/tutorial/types.ts';
import { sandboxApi, sandboxExecutor, untilSettled } from './support.ts';

const [userStep, signInStep, deployStep, prodStep] = leastPrivilege.steps.map((s) => s.goal) as [Goal, Goal, Goal, Goal];

async function lessonCluster(): Promise<Sandbox> {
  const sb = await createSandbox(leastPrivilege.scenario, { allocator: 'ts', matcher: 'ts' });
  untilSettled(sb);
  return sb;
}

const holds = (sb: Sandbox, goal: Goal) => goal.check({ api: sandboxApi(sb), events: new Set() });

async function dcos(sb: Sandbox, line: string): Promise<string> {
  const out = await runCommand(line, sb.request);
  expect(out.exitCode, `${line}: ${out.stderr}`).toBe(0);
  return out.stdout;
}

async function createUser(sb: Sandbox, grants: readonly string[] = devGrants): Promise<void> {
  await dcos(sb, `dcos security org users create ${devUser.uid} --password=${devUser.password}`);
  for (const rid of grants) await dcos(sb, `dcos security org users grant ${devUser.uid} ${rid} full`);
}

const signIn = (sb: Sandbox, uid: string, password: string) => dcos(sb, `dcos auth login --username=${uid} --password=${password}`);
const post = (sb: Sandbox, app: unknown): ApiResponse => sb.request({ method: 'POST', path: '/marathon/v2/apps', body: app });
const send = (sb: Sandbox, req: ApiRequest): ApiResponse => sb.request(req);

describe('Least privilege: the story', () => {
  it('the user deploys under /dev, is refused /prod (403) and sees only /dev', async () => {
    const sb = await lessonCluster();
    await createUser(sb);
    await signIn(sb, devUser.uid, devUser.password);
    expect(post(sb, devApp).status).toBe(201);

    const prod = post(sb, { ...devApp, id: '/prod/hello' });
    expect(prod).toMatchObject({ status: 403, body: { message: 'Not Authorized to perform this action!' } });
    expect(send(sb, { method: 'PUT', path: '/marathon/v2/apps/prod/web', body: { instances: 5 } }).status).toBe(403);
    const list = send(sb, { method: 'GET', path: '/marathon/v2/apps' }).body as { apps: MarathonApp[] };
    expect(list.apps.map((a) => a.id)).toEqual(['/dev/hello']);
    // Admin Router refuses what the user has no grant for at all.
    expect(send(sb, { method: 'GET', path: '/mesos/master/state' }).status).toBe(403);

    await signIn(sb, 'bootstrapuser', 'deleteme');
    sb.advance(10_000);
    const all = send(sb, { method: 'GET', path: '/marathon/v2/apps' }).body as { apps: MarathonApp[] };
    expect(all.apps.map((a) => [a.id, a.instances]).sort()).toEqual([
      ['/dev/hello', 1],
      ['/prod/web', 2],
    ]);
  });
});

describe('Least privilege: goals', () => {
  it('each holds once its step is done, and none before', async () => {
    const sb = await lessonCluster();
    const none = async (goals: Goal[]) => (await Promise.all(goals.map((g) => holds(sb, g)))).every((h) => !h);
    expect(await none([userStep, signInStep, deployStep, prodStep])).toBe(true);
    await createUser(sb);
    expect(await holds(sb, userStep)).toBe(true);
    expect(await none([signInStep, deployStep, prodStep])).toBe(true);
    await signIn(sb, devUser.uid, devUser.password);
    expect(await holds(sb, signInStep)).toBe(true);
    // Goals read as the session's user: dev-deployer may not read IAM, so the first step's goal cannot hold now.
    expect(await holds(sb, userStep)).toBe(false);
    expect(post(sb, devApp).status).toBe(201);
    sb.advance(10_000);
    expect(await holds(sb, deployStep)).toBe(true);
    expect(await holds(sb, prodStep)).toBe(false);
    await signIn(sb, 'bootstrapuser', 'deleteme');
    expect(await holds(sb, prodStep)).toBe(true);
    expect(await holds(sb, userStep)).toBe(true);
  });

  it('too broad a grant, or no way through Admin Router, is not least privilege', async () => {
    for (const grants of [
      [devGrants[0]!, 'dcos:service:marathon:marathon:services:/'],
      [devGrants[0]!, devGrants[1]!, 'dcos:superuser'],
      [devGrants[1]!],
    ]) {
      const sb = await lessonCluster();
      await createUser(sb, grants);
      expect(await holds(sb, userStep), grants.join(' ')).toBe(false);
    }
  });

  it('/dev/hello deployed by the superuser is not the user’s deploy; a /prod app made after all spoils the last step', async () => {
    const sb = await lessonCluster();
    await createUser(sb);
    expect(post(sb, devApp).status).toBe(201);
    sb.advance(10_000);
    expect(await holds(sb, deployStep)).toBe(false);
    expect(post(sb, { ...devApp, id: '/prod/hello' }).status).toBe(201);
    sb.advance(10_000);
    expect(await holds(sb, prodStep)).toBe(false);
  });

  it('plays through by its show me, the same way twice', async () => {
    const play = async () => {
      const sb = await lessonCluster();
      const runner = new LessonRunner(leastPrivilege, sandboxApi(sb));
      const failures: string[] = [];
      for (const step of leastPrivilege.steps) {
        expect(await runner.check(), `${step.id} met before its show me`).toBe(false);
        await runner.showMe(sandboxExecutor(sb, failures));
        const start = sb.now;
        while (!(await runner.check())) {
          expect(sb.now - start, step.id).toBeLessThan(step.settleMs);
          sb.advance(250);
        }
      }
      expect(failures).toEqual([]);
      return sb.historyHash();
    };
    expect(await play()).toBe(await play());
  });
});
