/**
 * DC/OS's logs API, v2 and v1 (dcos-log behind Admin Router; v1 in journal-read-v1.ts): `/system/v1/logs/v2/…` on the master that answers,
 * `/system/v1/leader/mesos/logs/v2/…` on the leading Mesos master, `/system/v1/agent/{id}/logs/v2/…` on an agent
 * (the last two reached through src/api/system/service.ts). Routes (dcos/dcos-log `api/v2/routes.go`):
 * `component[/<unit>]` reads the node's journal; `task/<task>[/file/<file>]` finds the task and redirects (303) to
 * its agent's `task/frameworks/<fw>/executors/<ex>/runs/<container>/<file>`, which reads the sandbox file.
 */
import { nodeIdentity, nodeJournal } from '../../engine/logs/journal.ts';
import type { NodeRef } from '../../engine/logs/entry.ts';
import { containerIdOf, knownTasks } from '../../engine/logs/mesos-lines.ts';
import { sandboxFile } from '../../engine/logs/sandbox-files.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import type { ApiService, RoutedRequest } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import { readFile } from './files-read.ts';
import { goHttpError, readJournal } from './journal-read.ts';
import { nodeLogsV1 } from './journal-read-v1.ts';

function header(req: RoutedRequest['req'], name: string): string {
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === name) return v;
  return '';
}

/** Gorilla mux's answer to a path it has no route for. */
const noRoute = (): ApiResponse => goHttpError(404, '404 page not found');

/** `TaskCanonicalID`: a task whose name is `name` or whose id contains it, live ones first, then completed ones. */
function discover(state: ClusterState, routed: RoutedRequest, name: string, file: string): ApiResponse {
  const known = knownTasks(state);
  const live = known.filter((k) => state.tasks[k.task.id] === k.task);
  const done = known.filter((k) => state.tasks[k.task.id] !== k.task);
  let error = 'task not found';
  for (const group of [live, done]) {
    const found = group.filter((k) => k.task.name === name || k.task.id.includes(name));
    if (found.length > 1) {
      error = `found more then 1 task with name ${name}: [${found.map((k) => k.task.id).join(' ')}]`;
      continue;
    }
    const t = found[0]?.task;
    if (!t) continue;
    const agent = state.agents[t.agentIdx]!;
    const q = routed.query.toString();
    const location = `/system/v1/agent/${agent.id}/logs/v2/task/frameworks/${t.frameworkId}/executors/${t.id}/runs/${containerIdOf(t.id)}/${file}${q === '' ? '' : `?${q}`}`;
    const href = location.replaceAll('&', '&amp;');
    return { status: 303, body: `<a href="${href}">See Other</a>.\n\n`, headers: { Location: location } };
  }
  return goHttpError(500, `unable to get canonical task ID: ${error}`);
}

/** A sandbox file of a task on agent `agentIdx`: 204 when the agent has no such task or file (dcos-log's "File not found"). */
function taskFile(state: ClusterState, agentIdx: number, rest: string[], routed: RoutedRequest): ApiResponse {
  const [frameworks, fw, executors, ex, runs, cid, file, ...more] = rest;
  if (frameworks !== 'frameworks' || executors !== 'executors' || runs !== 'runs' || file === undefined || more.length > 0)
    return noRoute();
  const t = knownTasks(state).find((k) => k.task.id === ex && k.task.frameworkId === fw && k.task.agentIdx === agentIdx)?.task;
  const lines = t && containerIdOf(t.id) === cid ? sandboxFile(state, t, file) : undefined;
  if (!lines) return { status: 204, body: '' };
  return readFile(lines, routed.query, header(routed.req, 'accept'));
}

/** `v2/…` (and `v1/…`) on one node; `rest` is the path after `logs`. */
export function nodeLogs(state: ClusterState, node: NodeRef, rest: string[], routed: RoutedRequest): ApiResponse {
  if (rest[0] === 'v1') return nodeLogsV1(state, node, rest.slice(1), routed);
  if (routed.req.method !== 'GET') return goHttpError(405, 'Method Not Allowed');
  const [v2, kind, ...tail] = rest;
  if (v2 !== 'v2') return noRoute();
  if (kind === 'component' && tail.length <= 1) {
    return readJournal(nodeJournal(state, node), nodeIdentity(state, node), routed.query, tail[0], header(routed.req, 'accept'));
  }
  if (kind !== 'task' || tail.length === 0) return noRoute();
  if (tail.length === 1) return discover(state, routed, tail[0]!, 'stdout');
  if (tail.length === 3 && tail[1] === 'file') return discover(state, routed, tail[0]!, tail[2]!);
  return node.kind === 'agent' ? taskFile(state, node.idx, tail, routed) : { status: 204, body: '' };
}

const unavailable = (what: string): ApiResponse => goHttpError(503, `503 Service Unavailable: ${what}`);

/** `/system/v1/agent/{id}/logs/…`: Admin Router finds the agent in Mesos' state (404 with its text when unknown). */
export function agentLogs(state: ClusterState, agentId: string, rest: string[], routed: RoutedRequest): ApiResponse {
  const idx = state.agents.findIndex((a) => a.id === agentId && !a.gone);
  if (idx < 0) return goHttpError(404, `404 Not Found: agent \`${agentId}\` unknown.`);
  if (!state.agents[idx]!.up) return goHttpError(502, '502 Bad Gateway');
  return nodeLogs(state, { kind: 'agent', idx }, rest, routed);
}

/** `/system/v1/leader/mesos/logs/…`: the leading Mesos master's own dcos-log. */
export function leaderLogs(state: ClusterState, rest: string[], routed: RoutedRequest): ApiResponse {
  const idx = state.masters.findIndex((m) => m.up && m.mesos === 'leader');
  if (idx < 0) return unavailable('no leading Mesos master');
  return nodeLogs(state, { kind: 'master', idx }, rest, routed);
}

/** `/system/v1/logs/…`: the master Admin Router runs on (the leader if it is up, else the first master up). */
export const logsService: ApiService = {
  prefix: 'system/v1/logs',
  handle: (api, routed) => {
    const leader = api.state.masters.findIndex((m) => m.up && m.mesos === 'leader');
    const idx = leader >= 0 ? leader : api.state.masters.findIndex((m) => m.up);
    if (idx < 0) return unavailable('no master is up');
    return nodeLogs(api.state, { kind: 'master', idx }, routed.segments, routed);
  },
};
