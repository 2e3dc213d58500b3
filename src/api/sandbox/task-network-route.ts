/**
 * `GET /sandbox/v1/tasks/{taskId}/network`: what a task is reachable as, in one answer for the task's detail page
 * (a sandbox view: DC/OS spreads it over Mesos' state, Marathon's task and the two DNS servers): its addresses and
 * networks, its host ports, the port environment Marathon gave it, its DNS names with what each resolves to now
 * (a name Mesos-DNS has not loaded yet answers nothing), and the VIPs its ports back.
 */
import type { ClusterState, TaskState } from '../../engine/core/model.ts';
import { resolveA } from '../../engine/dcos-net/resolve.ts';
import { netTask } from '../../engine/dcos-net/tasks.ts';
import { parseVipLabel } from '../../engine/dcos-net/vips.ts';
import { DCOS_ZONE } from '../../engine/dcos-net/dns-zone.ts';
import { domainFrag, rfc1123Label } from '../../engine/dns/labels.ts';
import { dnsLabel, vipDnsName } from '../../common/network/vip.ts';
import { listPorts } from '../../common/resources.ts';
import { methodNotAllowed } from '../http.ts';
import type { ApiRequest, ApiResponse } from '../types.ts';
import type { SandboxTaskNetwork } from '../shapes/net.ts';

export function taskNetworkRoute(state: ClusterState, now: number, req: ApiRequest, taskId: string): ApiResponse {
  if (req.method !== 'GET') return methodNotAllowed(['GET'], req.method);
  const task = state.tasks[taskId];
  if (!task) return { status: 404, body: { message: `Task '${taskId}' is not running` } };
  return { status: 200, body: taskNetwork(state, now, task) };
}

function taskNetwork(state: ClusterState, now: number, task: TaskState): SandboxTaskNetwork {
  const t = netTask(state, task, task.state);
  const m = state.marathon;
  const instance = m.instances[m.taskInstance[task.id] ?? ''];
  const mesosName = `${rfc1123Label(t.name)}.${domainFrag(t.framework)}.mesos`;
  const dcosBase = `${dnsLabel(t.name)}.${dnsLabel(t.framework)}`;
  const names: Array<[string, 'A' | 'SRV']> = [
    [mesosName, 'A'],
    ...[...new Set(t.ports.map((p) => p.protocol))].map((protocol): [string, 'SRV'] => [
      `_${rfc1123Label(t.name)}._${protocol}.${domainFrag(t.framework)}.mesos`,
      'SRV',
    ]),
    [`${dcosBase}.autoip.${DCOS_ZONE}`, 'A'],
    [`${dcosBase}.containerip.${DCOS_ZONE}`, 'A'],
    [`${dcosBase}.agentip.${DCOS_ZONE}`, 'A'],
  ];
  const ranges = task.portions.flatMap((p) => p.ports);
  return {
    taskId: task.id,
    agent: state.agents[task.agentIdx]!.hostname,
    ipAddresses: t.taskIps,
    networks: (task.networks ?? []).map((n) => n.name),
    hostPorts: ranges.length > 0 ? listPorts(ranges, Infinity) : [],
    environment: instance?.env ? { ...instance.env } : null,
    secretEnvironment: { ...instance?.secretEnv },
    dnsNames: names.map(([name, type]) => {
      const answer = type === 'A' ? resolveA(state, name, now) : null;
      return { name, type, resolver: name.endsWith('.mesos') ? 'mesos-dns' : 'dcos-dns', answers: answer?.ok ? answer.ips : [] };
    }),
    vips: t.ports.flatMap((p) =>
      p.vips.flatMap((value) => {
        const parsed = parseVipLabel(value);
        return parsed ? [`${vipDnsName(parsed.address, t.framework)}:${parsed.port}`] : [];
      }),
    ),
  };
}
