/**
 * A task's sandbox files, derived when read: `stderr` has Mesos' command executor lines (`src/launcher/executor.cpp`,
 * glog) for each step of the task's status history, and, before a crash (TASK_FAILED), the task's own stack trace
 * (none when the agent killed it over a limit: the container goes at once; no file at all when it never launched);
 * `stdout` has what the task itself prints: a start banner once it runs, an access-log line for each request the
 * traffic generator sent it (request-lines.ts), a goodbye when asked to stop. Numbers and
 * wording come from a hash of the task id, so the same task always writes the same lines.
 */
import type { ClusterState, TaskState } from '../core/model.ts';
import { glogLine, hash32, idOf, realtimeUsec } from './format.ts';
import { requestLines } from './request-lines.ts';

export type SandboxFile = 'stdout' | 'stderr';

const ERRORS = ['RuntimeError', 'ConnectionResetError', 'KeyError', 'MemoryError', 'TimeoutError'];
const CAUSES = ['lost its connection to the backend', 'found its state file corrupt', 'ran out of workers', 'timed out on a lock'];

/** The task's own crash, as a Python traceback (no glog prefix: the task writes it). */
function stackTrace(task: TaskState): string[] {
  const h = hash32(task.id);
  const error = ERRORS[h % ERRORS.length]!;
  const cause = `${task.name} ${CAUSES[(h >>> 8) % CAUSES.length]!}`;
  const line = (k: number) => 20 + ((h >>> (k * 4)) % 200);
  const file = '/mnt/mesos/sandbox/server.py';
  return [
    'Traceback (most recent call last):',
    `  File "${file}", line ${line(1)}, in <module>`,
    '    main()',
    `  File "${file}", line ${line(2)}, in main`,
    '    serve_forever(sock)',
    `  File "${file}", line ${line(3)}, in serve_forever`,
    '    handle(conn)',
    `${error}: ${cause}`,
  ];
}

/** The lines of one of the task's files, oldest first; undefined for a file the sandbox does not have. */
export function sandboxFile(state: ClusterState, task: TaskState, file: string): string[] | undefined {
  if (file !== 'stdout' && file !== 'stderr') return undefined;
  // A container that failed to launch (a secret the agent could not resolve) never ran its executor: empty files.
  if (task.statuses.some((s) => s.detail?.reason === 'REASON_CONTAINER_LAUNCH_FAILED')) return [];
  const agent = state.agents[task.agentIdx]!;
  const tid = idOf(`executor:${task.id}`, 2, 60);
  const pid = idOf(`pid:${task.id}`, 7, 90);
  const out: string[] = [];
  const log = (at: number, where: string, message: string) =>
    out.push(glogLine('I', realtimeUsec(at, `${task.id}:${where}:${message}`), tid, where, message));
  const port = idOf(`port:${task.id}`, 8000, 2000);
  const requests = file === 'stdout' ? requestLines(state, task) : [];
  let served = 0;
  const serveUntil = (at: number) => {
    for (; served < requests.length && requests[served]!.at < at; served++) out.push(requests[served]!.line);
  };
  for (const s of task.statuses) {
    const at = s.timestamp;
    serveUntil(at);
    switch (s.state) {
      case 'TASK_STAGING':
        if (file === 'stderr') {
          log(at, 'executor.cpp:190', 'Received SUBSCRIBED event');
          log(at, 'executor.cpp:194', `Subscribed executor on ${agent.hostname}`);
          log(at, 'executor.cpp:190', 'Received LAUNCH event');
          log(at, 'executor.cpp:722', `Starting task ${task.id}`);
          log(at, 'executor.cpp:740', `Forked command at ${pid}`);
        }
        break;
      case 'TASK_RUNNING':
        if (file === 'stdout')
          out.push(
            `${task.name}: starting (build ${hash32(task.name).toString(16).padStart(8, '0')})`,
            `${task.name}: listening on 0.0.0.0:${port}`,
          );
        break;
      case 'TASK_KILLING':
        if (file === 'stderr') {
          log(at, 'executor.cpp:190', 'Received KILL event');
          log(at, 'executor.cpp:835', `Received kill for task ${task.id} with grace period of 3secs`);
          log(at, 'executor.cpp:956', `Sending SIGTERM to process tree at pid ${pid}`);
        } else out.push(`${task.name}: received SIGTERM, shutting down`);
        break;
      case 'TASK_FAILED':
        // The agent destroys a container over its limit, executor and all: the files just stop.
        if (s.detail?.reason.startsWith('REASON_CONTAINER_LIMITATION')) break;
        if (file === 'stderr') {
          out.push(...stackTrace(task));
          log(at, 'executor.cpp:1041', `Command exited with status 1 (pid: ${pid})`);
        }
        break;
      case 'TASK_FINISHED':
        if (file === 'stderr') log(at, 'executor.cpp:1041', `Command exited with status 0 (pid: ${pid})`);
        else out.push(`${task.name}: done`);
        break;
      case 'TASK_KILLED':
        if (file === 'stderr') log(at, 'executor.cpp:1041', `Command terminated with signal Terminated (pid: ${pid})`);
        break;
      default:
        break;
    }
  }
  serveUntil(Infinity);
  return out;
}
