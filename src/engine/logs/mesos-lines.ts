/**
 * Mesos' own lines (messages and source lines from apache/mesos `src/master/master.cpp` and `src/slave/slave.cpp`):
 * the leading master's agent registrations, launches and status updates; an agent's registration, the tasks it
 * was given and the status updates it handled. Derived from the agents and the tasks' status histories.
 */
import { addInto, zero } from '../../common/resources.ts';
import type { AgentState, ClusterState, FrameworkState, Pool, TaskState, TaskStatus } from '../core/model.ts';
import { glogLine, idOf, realtimeUsec, uuidOf } from './format.ts';
import { LazyEntry } from './entry.ts';
import { unitPid } from './entry.ts';

const MASTER_UNIT = 'dcos-mesos-master.service';
const agentUnit = (a: AgentState) => (a.public ? 'dcos-mesos-slave-public.service' : 'dcos-mesos-slave.service');

/** Mesos' `Resources` text: `cpus:4; mem:1024; ports:[31000-32000]`, a reservation's role in brackets. */
export function resourcesText(pools: Pool[]): string {
  const parts: string[] = [];
  for (const p of pools) {
    const name = (n: string) => (p.role === '*' ? n : `${n}(${p.role})`);
    const [cpus, mem, disk, gpus] = p.total;
    if (cpus > 0) parts.push(`${name('cpus')}:${cpus}`);
    if (mem > 0) parts.push(`${name('mem')}:${mem}`);
    if (disk > 0) parts.push(`${name('disk')}:${disk}`);
    if (gpus > 0) parts.push(`${name('gpus')}:${gpus}`);
    if (p.totalPorts.length > 0) parts.push(`${name('ports')}:[${p.totalPorts.map(([b, e]) => `${b}-${e}`).join(', ')}]`);
  }
  return parts.join('; ');
}

function taskResources(task: TaskState): string {
  const sum = zero();
  for (const p of task.portions) addInto(sum, p.scalars);
  const [cpus, mem, disk, gpus] = sum;
  const parts = [`cpus:${cpus}`, `mem:${mem}`];
  if (disk > 0) parts.push(`disk:${disk}`);
  if (gpus > 0) parts.push(`gpus:${gpus}`);
  return parts.join('; ');
}

/** Every task the master still knows of: live ones and each framework's completed ones. */
export function knownTasks(state: ClusterState): Array<{ task: TaskState; fw: FrameworkState | undefined }> {
  const out: Array<{ task: TaskState; fw: FrameworkState | undefined }> = [];
  const fws = new Map(state.frameworks.map((f) => [f.id, f]));
  for (const f of state.frameworks) for (const task of f.completedTasks) out.push({ task, fw: f });
  for (const task of Object.values(state.tasks)) out.push({ task, fw: fws.get(task.frameworkId) });
  return out;
}

/** The tasks the master knows on agent `idx`, completed ones first, as `knownTasks` orders them (without a pass over every live task). */
function tasksOfAgent(state: ClusterState, idx: number): TaskState[] {
  const out: TaskState[] = [];
  for (const f of state.frameworks) for (const task of f.completedTasks) if (task.agentIdx === idx) out.push(task);
  for (const id of state.agents[idx]!.taskIds) {
    const task = state.tasks[id];
    if (task) out.push(task);
  }
  return out;
}

const agentPid = (a: AgentState) => `slave(1)@${a.ip}:5051`;
const agentText = (a: AgentState) => `${a.id} at ${agentPid(a)} (${a.hostname})`;
/** The status update's text (`src/messages/messages.cpp`), with a UUID stable for the task and its n-th status. */
const updateText = (task: TaskState, s: TaskStatus, n: number) =>
  `${s.state} (Status UUID: ${uuidOf(`${task.id}:${n}`)}) for task ${task.id} of framework ${task.frameworkId}`;

/** Adds a line; `message` is called only when the line is read. */
interface Emit {
  (at: number, where: string, message: () => string, level?: 'I' | 'W'): void;
}

function emitter(out: LazyEntry[], unit: string, ident: string, pid: number): Emit {
  return (at, where, message, level = 'I') =>
    out.push(
      new LazyEntry(at, unit, ident, pid, level === 'I' ? 6 : 4, () => {
        const text = message();
        const seed = `${unit}:${where}:${text}`;
        const usec = realtimeUsec(at, seed);
        return { usec, message: glogLine(level, usec, idOf(seed, 100, 9900), where, text) };
      }),
    );
}

/** The journal lines of master `idx`'s Mesos master: its election, and while it leads, what the cluster did. */
export function masterMesosLines(state: ClusterState, idx: number): LazyEntry[] {
  const m = state.masters[idx]!;
  const out: LazyEntry[] = [];
  const emit = emitter(out, MASTER_UNIT, 'mesos-master', unitPid(m.hostname, MASTER_UNIT, m.mesosStarts));
  for (const n of state.notable)
    if (n.kind === 'leader' && n.label === `${m.hostname} is the leading Mesos master`)
      emit(n.at, 'master.cpp:2174', () => 'Elected as the leading master!');
  // The sandbox keeps one history of the cluster, not one per master: the leader (or the last one) tells it.
  if (m.mesos !== 'leader') return out;
  for (const a of state.agents)
    if (a.registeredAt !== null)
      emit(a.registeredAt, 'master.cpp:6536', () => `Registered agent ${agentText(a)} with ${resourcesText(a.pools)}`);
  for (const { task, fw } of knownTasks(state)) {
    const a = state.agents[task.agentIdx]!;
    const first = task.statuses[0];
    if (first) {
      const who = `${task.frameworkId} (${fw?.name ?? ''})`;
      emit(
        first.timestamp,
        'master.cpp:5036',
        () =>
          `Launching task ${task.id} of framework ${who} with resources ${taskResources(task)} on agent ${agentText(a)} on  new executor`,
      );
    }
    task.statuses.forEach((s, n) => {
      if (n > 0) emit(s.timestamp, 'master.cpp:8187', () => `Status update ${updateText(task, s, n)} from agent ${agentText(a)}`);
    });
  }
  return out;
}

/** The journal lines of agent `idx`'s Mesos agent. */
export function agentMesosLines(state: ClusterState, idx: number): LazyEntry[] {
  const a = state.agents[idx]!;
  const out: LazyEntry[] = [];
  const unit = agentUnit(a);
  const emit = emitter(out, unit, 'mesos-agent', unitPid(a.hostname, unit));
  const leader = state.masters.find((m) => m.mesos === 'leader') ?? state.masters[0];
  if (a.registeredAt !== null && leader)
    emit(a.registeredAt, 'slave.cpp:1700', () => `Registered with master master@${leader.ip}:5050; given agent ID ${a.id}`);
  for (const task of tasksOfAgent(state, idx)) {
    if (task.statuses.length === 0) continue;
    const launched = task.statuses[0]!.timestamp;
    emit(launched, 'slave.cpp:2302', () => `Got assigned task '${task.id}' for framework ${task.frameworkId}`);
    emit(
      launched,
      'slave.cpp:3887',
      () => `Launching container ${containerIdOf(task.id)} for executor '${task.id}' of framework ${task.frameworkId}`,
    );
    const executor = () => `executor(1)@${a.ip}:${idOf(task.id, 33000, 20000)}`;
    task.statuses.forEach((s, n) => {
      if (n > 0) emit(s.timestamp, 'slave.cpp:5992', () => `Handling status update ${updateText(task, s, n)} from ${executor()}`);
    });
  }
  return out;
}

/** The Mesos container id of a task's executor (the sandbox runs each task under its own command executor). */
export const containerIdOf = (taskId: string): string => uuidOf(`container:${taskId}`);
