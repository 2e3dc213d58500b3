/**
 * Jenkins' master with the Mesos plugin: each queued build gets a build agent, a Mesos task of its own
 * (JENKINS_LINUX_AGENT_CPUS / _MEM, 0.1 CPU / 512 MB by default) launched on an offer in JENKINS_AGENT_ROLE; the build
 * runs on it, and when the build ends the plugin kills the agent. No builds queue by themselves in the sandbox:
 * `POST /sandbox/v1/jenkins/<name>/builds` queues one.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState, OfferState, TaskState } from '../core/model.ts';
import { TERMINAL_STATES, type TaskStateName } from '../../common/task-states.ts';
import { acceptOffer, type TaskLaunch } from '../mesos/accept.ts';
import { frameworkById } from '../mesos/frameworks.ts';
import { declineOffer, killTask, revive, suppress } from '../mesos/master.ts';
import type { DispatcherService, JenkinsBuild } from './model.ts';

/** Offers a master with nothing to build declines for this long (seconds). */
const DECLINE_SECONDS = 60;
export const DEFAULT_BUILD_SECONDS = 30;

export const jenkinsHasWork = (service: DispatcherService) => service.builds.some((b) => b.state === 'QUEUED' && b.taskId === null);

/** A build queues; the master revives its offers. */
export function queueBuild(ctx: SimContext, state: ClusterState, service: DispatcherService, durationSeconds: number): JenkinsBuild {
  const build: JenkinsBuild = {
    number: ++service.buildSeq,
    durationMs: Math.max(1, Math.round(durationSeconds * 1000)),
    state: 'QUEUED',
    taskId: null,
    taskState: null,
    queuedAt: ctx.now,
  };
  service.builds.push(build);
  const fw = frameworkById(state, service.frameworkId);
  if (fw.registered) revive(ctx, state, fw);
  return build;
}

/** Agents for queued builds, oldest first, where they fit; then suppress until the next build. */
export function jenkinsOffers(ctx: SimContext, state: ClusterState, service: DispatcherService, offers: OfferState[]): void {
  const fw = frameworkById(state, service.frameworkId);
  for (const offer of offers) {
    const free = offer.portions.find((p) => p.pool === 0);
    let [cpus, mem] = free ? [free.scalars[0], free.scalars[1]] : [0, 0];
    const launches: TaskLaunch[] = [];
    for (const build of service.builds) {
      if (build.state !== 'QUEUED' || build.taskId !== null) continue;
      if (cpus + 1e-9 < service.agentCpus || mem + 1e-9 < service.agentMem) break;
      cpus -= service.agentCpus;
      mem -= service.agentMem;
      const id = `jenkins-slave-${service.agentLabel}-${ctx.randomUuid()}`;
      build.taskId = id;
      build.taskState = 'TASK_STAGING';
      launches.push({
        id,
        name: `jenkins-slave-${service.agentLabel}-${build.number}`,
        portions: [{ pool: 0, scalars: [service.agentCpus, service.agentMem, 0, 0], ports: [] }],
      });
    }
    if (launches.length === 0) declineOffer(ctx, state, offer.id, DECLINE_SECONDS);
    else acceptOffer(ctx, state, offer.id, launches, DECLINE_SECONDS);
  }
  if (!jenkinsHasWork(service) && fw.suppressedRoles.length === 0) suppress(fw);
}

/** An agent's update: once it runs the build starts; an agent lost before its build ended puts the build back in the queue. */
export function onAgentStatus(
  ctx: SimContext,
  state: ClusterState,
  service: DispatcherService,
  task: TaskState,
  next: TaskStateName,
): void {
  const build = service.builds.find((b) => b.taskId === task.id);
  if (!build) return;
  build.taskState = next;
  if (next === 'TASK_RUNNING' && build.state === 'QUEUED') {
    build.state = 'RUNNING';
    ctx.schedule(build.durationMs, { type: 'jenkins.build-done', service: service.name, build: build.number, taskId: task.id });
  }
  if (!TERMINAL_STATES.has(next) || build.state === 'DONE') return;
  build.state = 'QUEUED';
  build.taskId = null;
  build.taskState = null;
  const fw = frameworkById(state, service.frameworkId);
  if (fw.registered) revive(ctx, state, fw);
}

/** The build ended: its agent is idle and the plugin kills it. */
export function onBuildDone(ctx: SimContext, state: ClusterState, service: DispatcherService, number: number, taskId: string): void {
  const build = service.builds.find((b) => b.number === number);
  if (!build || build.state !== 'RUNNING' || build.taskId !== taskId) return;
  build.state = 'DONE';
  killTask(ctx, state, build.taskId);
}
