/**
 * Goals as checks over the DC/OS API: each reads what a client of the cluster would read (Marathon's app with its
 * tasks, the Mesos master, the traffic generator, an SDK service's plan) and answers null while the goal holds, or
 * the violation, naming the app, task and agent at fault. A check keeps what it saw between calls (when the
 * leader went, which tasks ran), so one compiled goal serves one run only.
 */
import type { GoalCheck, GoalSpec, RequestFn, Violation } from './types.ts';

interface TaskView {
  id: string;
  host: string;
  state: string;
  healthCheckResults?: Array<{ alive: boolean }>;
}
interface AppView {
  cmd?: string | null;
  tasks?: TaskView[];
  deployments?: unknown[];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

/** Minutes and seconds of simulated time, as the time bar shows them. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function readApp(request: RequestFn, id: string): AppView | null | 'unknown' {
  const answer = request({ method: 'GET', path: `/marathon/v2/apps${id}?embed=apps.tasks` });
  if (answer.status === 404) return null;
  if (answer.status !== 200) return 'unknown'; // no Marathon leader: nobody can tell, as the pages show the last known figures
  return (answer.body as { app: AppView }).app;
}

const healthy = (t: TaskView): boolean => (t.healthCheckResults ?? []).length > 0 && t.healthCheckResults!.every((r) => r.alive);

function minRunning(spec: Extract<GoalSpec, { kind: 'min-running' }>): GoalCheck {
  let last = new Map<string, string>(); // task id → host, of the tasks counted at the last check
  let below: { since: number; gone: [string, string] | undefined } | null = null;
  const what = spec.healthy ? 'healthy' : 'running';
  return {
    check(request, now) {
      if (now < (spec.from ?? 0)) return null;
      const app = readApp(request, spec.app);
      if (app === 'unknown') return null;
      const counted = (app?.tasks ?? []).filter((t) => t.state === 'TASK_RUNNING' && (!spec.healthy || healthy(t)));
      const before = last;
      last = new Map(counted.map((t) => [t.id, t.host]));
      if (counted.length >= spec.count) return (below = null);
      below ??= { since: now, gone: [...before].find(([id]) => !last.has(id)) };
      const grace = spec.forMs ?? 0;
      if (grace > 0 && now - below.since <= grace) return null;
      const v: Violation = {
        text:
          `${spec.app} has ${counted.length} ${what} instance${counted.length === 1 ? '' : 's'}, fewer than ${spec.count}` +
          (grace > 0 ? `, for ${seconds(now - below.since)} (since ${clock(below.since)}), more than ${seconds(grace)}` : ''),
        app: spec.app,
      };
      if (below.gone) [v.task, v.agent] = below.gone;
      return v;
    },
  };
}

function maxUnhealthy(spec: Extract<GoalSpec, { kind: 'max-unhealthy' }>): GoalCheck {
  const failing = new Map<string, number>(); // task id → when its checks started failing
  return {
    check(request, now) {
      const app = readApp(request, spec.app);
      if (app === 'unknown') return null;
      const seen = new Set<string>();
      for (const t of app?.tasks ?? []) {
        const bad = t.state === 'TASK_RUNNING' && (t.healthCheckResults ?? []).some((r) => !r.alive);
        if (!bad) continue;
        seen.add(t.id);
        const since = failing.get(t.id) ?? now;
        failing.set(t.id, since);
        if (now - since > spec.maxMs)
          return {
            text: `task ${t.id} of ${spec.app} has failed its health checks for ${seconds(now - since)} (since ${clock(since)}) and still runs`,
            app: spec.app,
            task: t.id,
            agent: t.host,
          };
      }
      for (const id of [...failing.keys()]) if (!seen.has(id)) failing.delete(id);
      return null;
    },
  };
}

interface TrafficView {
  series: Array<{ at: number; errors: number; byBackend: Record<string, number>; failedByBackend?: Record<string, number> }>;
}

function trafficErrors(spec: Extract<GoalSpec, { kind: 'traffic-errors' }>): GoalCheck {
  let seen = -1; // the start of the newest second already judged
  let streakFrom: number | null = null;
  return {
    check(request) {
      const answer = request({ method: 'GET', path: `/sandbox/v1/traffic/${encodeURIComponent(spec.client)}` });
      if (answer.status !== 200) return null; // not started yet
      const series = (answer.body as TrafficView).series;
      for (const second of series) {
        if (second.at <= seen) continue;
        seen = second.at;
        if (second.errors === 0) streakFrom = null;
        else streakFrom ??= second.at;
        if (streakFrom !== null && second.at + 1000 - streakFrom > spec.maxSeconds * 1000)
          return {
            text: `requests of ${spec.client} failed for ${seconds(second.at + 1000 - streakFrom)} in a row (from ${clock(streakFrom)}), more than ${spec.maxSeconds} s`,
          };
      }
      return null;
    },
  };
}

function leader(spec: Extract<GoalSpec, { kind: 'leader' }>): GoalCheck {
  let since: number | null = null;
  let lastLeader: string | undefined;
  return {
    check(request, now) {
      const answer = request({ method: 'GET', path: '/mesos/master/state-summary' });
      if (answer.status === 200) {
        since = null;
        lastLeader = (answer.body as { hostname?: string }).hostname;
        return null;
      }
      since ??= now;
      if (now - since <= spec.maxMs) return null;
      return {
        text: `no Mesos master has led for ${seconds(now - since)} (since ${clock(since)}), more than ${seconds(spec.maxMs)}`,
        ...(lastLeader ? { master: lastLeader } : {}),
      };
    },
  };
}

function planComplete(spec: Extract<GoalSpec, { kind: 'plan-complete' }>): GoalCheck {
  let done = false;
  return {
    deadline: spec.by,
    check(request, now) {
      if (done || now < spec.by) {
        if (!done) done = request({ method: 'GET', path: `/service/${spec.service}/v1/plans/${spec.plan}` }).status === 200;
        return null;
      }
      const answer = request({ method: 'GET', path: `/service/${spec.service}/v1/plans/${spec.plan}` });
      if (answer.status === 200) return ((done = true), null);
      const status = (answer.body as { status?: string } | null)?.status ?? `HTTP ${answer.status}`;
      return { text: `the ${spec.plan} plan of ${spec.service} is ${status}, not COMPLETE by ${clock(spec.by)}`, app: `/${spec.service}` };
    },
  };
}

interface PodStatusView {
  pods?: Array<{ instances?: Array<{ name: string; tasks?: Array<{ status: string }> }> }>;
}

function podsRunning(spec: Extract<GoalSpec, { kind: 'pods-running' }>): GoalCheck {
  return {
    deadline: spec.at,
    check(request, now) {
      if (now !== spec.at) return null;
      const answer = request({ method: 'GET', path: `/service/${spec.service}/v1/pod/status` });
      const instances = answer.status === 200 ? ((answer.body as PodStatusView).pods ?? []).flatMap((p) => p.instances ?? []) : [];
      const running = instances.filter((i) => (i.tasks ?? []).length > 0 && i.tasks!.every((t) => t.status === 'RUNNING'));
      if (running.length >= spec.count) return null;
      const down = instances.filter((i) => !running.includes(i)).map((i) => `${i.name} ${i.tasks?.[0]?.status ?? 'without tasks'}`);
      return {
        text: `at ${clock(spec.at)} ${spec.service} runs ${running.length} of ${spec.count} pods${down.length ? ` (${down.join(', ')})` : ''}`,
        app: `/${spec.service}`,
      };
    },
  };
}

function rolledOut(spec: Extract<GoalSpec, { kind: 'rolled-out' }>): GoalCheck {
  let done = false;
  const state = (app: AppView | null | 'unknown'): number | 'unknown' => {
    if (app === 'unknown') return 'unknown';
    if (!app || app.cmd !== spec.cmd || (app.deployments ?? []).length > 0) return 0;
    return (app.tasks ?? []).filter((t) => t.state === 'TASK_RUNNING' && healthy(t)).length;
  };
  return {
    deadline: spec.by,
    check(request, now) {
      if (done) return null;
      const n = state(readApp(request, spec.app));
      if (n !== 'unknown' && n >= spec.count) done = true;
      if (done || now < spec.by) return null;
      return {
        text: `${spec.app} is not rolled out by ${clock(spec.by)}: ${n === 'unknown' ? 'Marathon has no leader' : `${n} of ${spec.count} healthy tasks run "${spec.cmd}" with no deployment left`}`,
        app: spec.app,
      };
    },
  };
}

/** Fresh checks for one run of these goals. */
export function compileGoals(specs: readonly GoalSpec[]): GoalCheck[] {
  return specs.map((spec) => {
    switch (spec.kind) {
      case 'min-running':
        return minRunning(spec);
      case 'max-unhealthy':
        return maxUnhealthy(spec);
      case 'traffic-errors':
        return trafficErrors(spec);
      case 'leader':
        return leader(spec);
      case 'plan-complete':
        return planComplete(spec);
      case 'pods-running':
        return podsRunning(spec);
      case 'rolled-out':
        return rolledOut(spec);
    }
  });
}

/** The goal in words, for the level's page. */
export function describeGoal(spec: GoalSpec): string {
  switch (spec.kind) {
    case 'min-running':
      return `${spec.app} never has fewer than ${spec.count} ${spec.healthy ? 'healthy' : 'running'} instances${spec.forMs ? ` for more than ${seconds(spec.forMs)}` : ''}${spec.from ? ` (from ${clock(spec.from)})` : ''}`;
    case 'max-unhealthy':
      return `no task of ${spec.app} keeps failing its health checks for more than ${seconds(spec.maxMs)}`;
    case 'traffic-errors':
      return `no request of ${spec.client} fails for more than ${spec.maxSeconds} s in a row`;
    case 'leader':
      return `the cluster is never without a leading master for more than ${seconds(spec.maxMs)}`;
    case 'plan-complete':
      return `the ${spec.plan} plan of ${spec.service} completes by ${clock(spec.by)}`;
    case 'pods-running':
      return `at ${clock(spec.at)} ${spec.service} runs ${spec.count} pods`;
    case 'rolled-out':
      return `${spec.app} runs ${spec.count} healthy tasks of "${spec.cmd}" by ${clock(spec.by)}`;
  }
}
