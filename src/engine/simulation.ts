/**
 * The discrete-event loop: a queue of timestamped events, a simulated clock and a seeded
 * random generator drive everything. Handlers are the components' named operations.
 */
import type { AllocatorKernel } from '../kernels/allocator/contract.ts';
import { EventQueue, type Scheduled } from './core/event-queue.ts';
import { HistoryHash } from './core/history-hash.ts';
import { Rng, type RngState } from './core/rng.ts';
import type { ConstraintMatcher } from '../kernels/constraints/contract.ts';
import { handleOffers, handleStatus } from './frameworks/synthetic.ts';
import { checkDeployments } from './marathon/deployments.ts';
import { bootMarathon } from './marathon/operations.ts';
import { handleMarathonOffers, handleMarathonStatus, hasLaunchWork, onDelayOver, onHealthCheck, onKillRetry, onReconcile, onReviveTimer, RECONCILIATION_INTERVAL_MS } from './marathon/scheduler.ts';
import { buildCluster } from './mesos/build.ts';
import type { SimContext, SimEvent } from './mesos/events.ts';
import { agentDelivers, frameworkById, runAllocation, subscribeFramework, updateTaskStatus } from './mesos/master.ts';
import { hasPendingWork, type ClusterState, type FrameworkState, type TaskStateName } from './mesos/model.ts';
import { allocatorPaused, leaderIndex } from './mesos/leader.ts';
import { marathonLeaderIndex, reconcileMarathonTasks } from './marathon/leader.ts';
import { refreshCluster } from './ha/refresh.ts';
import { onAgentRegister, onAgentUnreachable, onMarathonElected, onMesosRecovered, onReregisterTimeout, onUnitUp, onZkElect, onZkExpire } from './ha/handlers.ts';
import { onDrainDeadline } from './mesos/maintenance.ts';
import type { Scenario, ScriptAction } from './scenario/types.ts';
import { handleRequest } from '../api/router.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { checkInvariants } from './invariants.ts';

export interface SimulationOptions {
  checkInvariants?: boolean;
}

function isActionMethod(method: unknown): method is ScriptAction['request']['method'] {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}

function plainCopy(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function bodyText(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '<unserializable>';
  }
}

export interface SandboxSnapshot {
  now: number;
  eventCount: number;
  historyHash: string;
  rng: RngState;
  pending: Array<Scheduled<SimEvent>>;
  /** The sequence number of the next scheduled event (ties on time run in sequence order). */
  nextSeq: number;
  /** Agents waiting for the allocation run already scheduled, or null when none is. */
  triggered: number[] | 'all' | null;
  /** How many of the script's actions had run: a snapshot resumes a script that starts with them. */
  actionsDone: number;
  cluster: ClusterState;
}

export class Simulation {
  readonly state: ClusterState;
  readonly #queue: EventQueue<SimEvent>;
  readonly #rng: Rng;
  readonly #hash: HistoryHash;
  readonly #kernel: AllocatorKernel;
  #now = 0;
  #events = 0;
  /** Agents waiting for a triggered allocation run; 'all' after a framework change. */
  #candidates: Set<number> | 'all' | null = null;
  #script: readonly ScriptAction[];
  #scriptAt = 0;
  readonly #actions: ScriptAction[];
  readonly #ctx: SimContext;
  /** Fault-testing runs check the safety invariants after every event. */
  readonly #checkInvariants: boolean;

  /**
   * A cluster booting from `scenario`, or, given `from` (a snapshot of this scenario's history),
   * that cluster resumed at the snapshot's moment: it goes on exactly as the original would.
   */
  constructor(scenario: Scenario, kernel: AllocatorKernel, matcher: ConstraintMatcher, from?: SandboxSnapshot, options: SimulationOptions = {}) {
    this.#script = scenario.script;
    this.#checkInvariants = options.checkInvariants === true;
    this.#kernel = kernel;
    if (from) {
      if (from.actionsDone > scenario.script.length) throw new RangeError('the snapshot ran more actions than the script has');
      this.#rng = new Rng(from.rng);
      this.#hash = HistoryHash.fromHex(from.historyHash);
      this.#queue = EventQueue.fromArray(structuredClone(from.pending), from.nextSeq);
      this.state = structuredClone(from.cluster);
      this.#now = from.now;
      this.#events = from.eventCount;
      this.#candidates = from.triggered === null || from.triggered === 'all' ? from.triggered : new Set(from.triggered);
      this.#scriptAt = from.actionsDone;
      this.#actions = scenario.script.slice(0, from.actionsDone).map((a) => structuredClone(a));
    } else {
      this.#rng = Rng.fromSeed(scenario.seed);
      this.#hash = new HistoryHash();
      this.#queue = new EventQueue<SimEvent>();
      this.state = buildCluster(scenario, this.#rng);
      this.#actions = [];
    }
    const sim = this;
    this.#ctx = {
      get now() {
        return sim.#now;
      },
      schedule: (delay, event) => this.#queue.push(this.#now + delay, event),
      triggerAllocation: (agents) => this.#trigger(agents),
      record: (text) => this.#hash.add(text),
      randomInt: (min, max) => this.#rng.int(min, max),
      random: () => this.#rng.next(),
      randomUuid: () => this.#rng.uuid(),
      matcher,
    };
    if (!from) this.#boot(scenario);
  }

  get now(): number {
    return this.#now;
  }

  get eventCount(): number {
    return this.#events;
  }

  get historyHash(): string {
    return this.#hash.hex;
  }

  get context(): SimContext {
    return this.#ctx;
  }

  snapshot(): SandboxSnapshot {
    return {
      now: this.#now,
      eventCount: this.#events,
      historyHash: this.#hash.hex,
      rng: this.#rng.state,
      pending: structuredClone(this.#queue.toArray()),
      nextSeq: this.#queue.nextSeq,
      triggered: this.#candidates === null || this.#candidates === 'all' ? this.#candidates : [...this.#candidates],
      actionsDone: this.#actions.length,
      cluster: structuredClone(this.state),
    };
  }

  /**
   * A DC/OS API call at the current simulated time. Writes are actions: they enter the history
   * hash, so a replay that makes the same calls at the same times gets the same history.
   */
  request(req: ApiRequest): ApiResponse {
    if (req?.method !== 'GET') {
      const text = bodyText(req?.body);
      this.#hash.add(`${this.#now} api ${String(req?.method)} ${String(req?.path)} ${text}`);
      if (isActionMethod(req?.method) && typeof req.path === 'string') {
        const request: ScriptAction['request'] = { method: req.method, path: req.path };
        if (req.body !== undefined) request.body = typeof req.body === 'string' ? req.body : plainCopy(text);
        this.#actions.push({ at: this.#now, request });
      }
    }
    return handleRequest({ state: this.state, ctx: this.#ctx }, req);
  }

  /** The script as it stands: the actions made so far (API writes, with their times), then those still to come. */
  get script(): ScriptAction[] {
    return [...this.#actions, ...this.#script.slice(this.#scriptAt)];
  }

  /** How many scripted actions have not run yet (they run when the clock reaches their time). */
  get pendingActions(): number {
    return this.#script.length - this.#scriptAt;
  }

  /**
   * Fork the history here: drop the scripted actions that have not run yet, so they neither run
   * nor appear in `script`. Returns how many were dropped.
   */
  dropPendingActions(): number {
    const dropped = this.pendingActions;
    this.#script = this.#script.slice(0, this.#scriptAt);
    return dropped;
  }

  /** Process every event up to and including `now + ms`, then leave the clock there. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('advance needs a non-negative number of milliseconds');
    const until = this.#now + ms;
    // A scripted action runs when the clock reaches its time, after that time's events, as it did when it was made.
    for (let next = this.#script[this.#scriptAt]; next !== undefined && next.at <= until; next = this.#script[this.#scriptAt]) {
      this.#runEvents(next.at);
      this.#scriptAt++;
      this.request(next.request);
    }
    this.#runEvents(until);
  }

  #runEvents(until: number): void {
    for (let at = this.#queue.peekTime(); at !== undefined && at <= until; at = this.#queue.peekTime()) {
      const next = this.#queue.pop()!;
      this.#now = next.at;
      this.#events++;
      this.#dispatch(next.event);
      if (this.#checkInvariants) this.#assertInvariants(next.event.type);
    }
    this.#now = until;
  }

  #assertInvariants(eventType: SimEvent['type']): void {
    const violations = checkInvariants(this.state, this.#now);
    if (violations.length > 0) throw new Error(`invariant violated after ${eventType}, ${violations[0]}`);
  }

  /**
   * The masters boot (Exhibitor, ZooKeeper, Mesos master, Mesos-DNS, Marathon, Admin Router);
   * agents register and frameworks subscribe once a leader is elected. Marathon's own apps are
   * stored at once and deployed when a Marathon leads.
   */
  #boot(scenario: Scenario): void {
    refreshCluster(this.#ctx, this.state);
    this.#queue.push(this.state.allocationIntervalMs, { type: 'allocate.batch' });
    this.#queue.push(RECONCILIATION_INTERVAL_MS, { type: 'marathon.reconcile' });
    bootMarathon(this.#ctx, this.state, scenario.marathon);
  }

  #hasWork(fw: FrameworkState): boolean {
    return fw.kind === 'marathon' ? hasLaunchWork(this.state.marathon, this.#now) : hasPendingWork(fw);
  }

  #trigger(agents: number[] | 'all'): void {
    if (this.#candidates === null) this.#ctx.schedule(0, { type: 'allocate.triggered' });
    if (agents === 'all' || this.#candidates === 'all') this.#candidates = 'all';
    else {
      this.#candidates ??= new Set();
      for (const a of agents) this.#candidates.add(a);
    }
  }

  #allAgents(): number[] {
    return this.state.agents.map((_, i) => i);
  }

  #dispatch(event: SimEvent): void {
    const state = this.state;
    const ctx = this.#ctx;
    const hash = this.#hash;
    const now = this.#now;
    switch (event.type) {
      case 'unit.up':
        hash.add(`${now} unit.up ${event.master} ${event.unit} ${event.boot}`);
        onUnitUp(ctx, state, event.master, event.unit, event.boot);
        return;
      case 'zk.elect':
        hash.add(`${now} zk.elect`);
        onZkElect(ctx, state);
        return;
      case 'zk.expire':
        hash.add(`${now} zk.expire ${event.session} ${event.lostAt}`);
        onZkExpire(ctx, state, event.session, event.lostAt);
        return;
      case 'mesos.recovered':
        hash.add(`${now} mesos.recovered ${event.master} ${event.session}`);
        onMesosRecovered(ctx, state, event.master, event.session);
        return;
      case 'marathon.elected':
        hash.add(`${now} marathon.elected ${event.master} ${event.session}`);
        onMarathonElected(ctx, state, event.master, event.session);
        return;
      case 'agent.register':
        hash.add(`${now} agent.register ${event.agent} ${event.epoch}`);
        onAgentRegister(ctx, state, event.agent, event.epoch);
        return;
      case 'agent.unreachable':
        hash.add(`${now} agent.unreachable ${event.agent} ${event.epoch}`);
        onAgentUnreachable(ctx, state, event.agent, event.epoch, event.since);
        return;
      case 'agent.reregister-timeout':
        hash.add(`${now} agent.reregister-timeout ${event.epoch}`);
        onReregisterTimeout(ctx, state, event.epoch);
        return;
      case 'agent.drain-deadline':
        hash.add(`${now} agent.drain-deadline ${event.agent}`);
        onDrainDeadline(ctx, state, event.agent, event.since);
        return;
      case 'framework.subscribe': {
        const fw = state.frameworks[event.framework]!;
        hash.add(`${now} framework.subscribe ${event.framework} ${event.epoch}`);
        if (event.epoch !== state.ha.leaderEpoch || !fw.subscribing || leaderIndex(state) === null) return;
        fw.subscribing = false;
        subscribeFramework(ctx, state, fw, this.#hasWork(fw));
        if (fw.kind === 'marathon') reconcileMarathonTasks(ctx, state);
        return;
      }
      case 'allocate.batch':
        hash.add(`${now} allocate.batch`);
        if (this.#allocating()) runAllocation(ctx, state, this.#kernel, this.#rng, this.#allAgents());
        ctx.schedule(state.allocationIntervalMs, { type: 'allocate.batch' });
        return;
      case 'allocate.triggered': {
        const candidates = this.#candidates === 'all' ? this.#allAgents() : [...(this.#candidates ?? [])].sort((a, b) => a - b);
        this.#candidates = null;
        hash.add(`${now} allocate.triggered ${candidates.length}`);
        if (this.#allocating()) runAllocation(ctx, state, this.#kernel, this.#rng, candidates);
        return;
      }
      case 'offers.deliver': {
        const fw = frameworkById(state, event.frameworkId);
        hash.add(`${now} offers.deliver ${fw.id} ${event.offerIds.join(',')}`);
        if (!fw.registered) return; // rescinded when the framework lost the leader
        const offers = event.offerIds.flatMap((id) => state.offers[id] ?? []);
        if (fw.kind === 'marathon') handleMarathonOffers(ctx, state, offers);
        else handleOffers(ctx, state, fw, offers);
        return;
      }
      case 'task.status':
        this.#taskStatus(event.taskId, event.state, event.origin === 'master');
        return;
      case 'marathon.health':
        hash.add(`${now} marathon.health ${event.instanceId} ${event.incarnation}`);
        if (event.epoch === state.ha.marathonEpoch && this.#marathonLeads()) onHealthCheck(ctx, state, event.instanceId, event.incarnation);
        return;
      case 'marathon.delay-over':
        hash.add(`${now} marathon.delay-over ${event.runSpecId}`);
        if (this.#marathonLeads()) onDelayOver(ctx, state, event.runSpecId);
        return;
      case 'marathon.check':
        hash.add(`${now} marathon.check`);
        if (this.#marathonLeads()) checkDeployments(ctx, state);
        else state.marathon.checkPending = false; // the next leader looks when it takes over
        return;
      case 'marathon.reconcile':
        hash.add(`${now} marathon.reconcile`);
        if (this.#marathonLeads()) onReconcile(ctx, state);
        else ctx.schedule(RECONCILIATION_INTERVAL_MS, { type: 'marathon.reconcile' });
        return;
      case 'marathon.kill-retry':
        hash.add(`${now} marathon.kill-retry`);
        onKillRetry(ctx, state, this.#marathonLeads());
        return;
      case 'marathon.revive':
        hash.add(`${now} marathon.revive`);
        if (this.#marathonLeads()) onReviveTimer(ctx, state);
        else state.marathon.revivePending = false;
        return;
    }
  }

  /**
   * A status update. One from an agent the leader cannot hear (no leader, cut off, not registered
   * yet) waits on the agent. The master records it and forwards it to the framework; Marathon
   * gets it only while it leads and is subscribed, and otherwise learns it by reconciliation.
   */
  #taskStatus(taskId: string, next: TaskStateName, fromMaster: boolean): void {
    const state = this.state;
    const ctx = this.#ctx;
    const live = state.tasks[taskId];
    if (!fromMaster && live && !agentDelivers(state, live.agentIdx)) {
      state.agents[live.agentIdx]!.heldUpdates.push({ taskId, state: next });
      this.#hash.add(`${this.#now} task.status ${taskId} ${next} held`);
      return;
    }
    const task = updateTaskStatus(ctx, state, taskId, next);
    this.#hash.add(`${this.#now} task.status ${taskId} ${next} ${task ? 'ok' : 'stale'}`);
    if (!task) return;
    const fw = frameworkById(state, task.frameworkId);
    if (next === 'TASK_STARTING') ctx.schedule(this.#rng.int(200, 1200), { type: 'task.status', taskId: task.id, state: 'TASK_RUNNING' });
    if (fw.kind === 'marathon') {
      if (fw.registered && this.#marathonLeads()) handleMarathonStatus(ctx, state, task);
      return;
    }
    if (next === 'TASK_RUNNING' && fw.spec.taskDurationSeconds !== null) {
      ctx.schedule(Math.round(fw.spec.taskDurationSeconds * 1000), { type: 'task.status', taskId: task.id, state: 'TASK_FINISHED' });
    }
    handleStatus(ctx, state, fw, task);
  }

  /** The allocator runs only in an acting leader, and not while it holds off after a failover. */
  #allocating(): boolean {
    return leaderIndex(this.state) !== null && !allocatorPaused(this.state, this.#now);
  }

  #marathonLeads(): boolean {
    return marathonLeaderIndex(this.state) !== null;
  }
}
