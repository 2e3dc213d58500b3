/**
 * The records mesos-dns generates from a load (records/generator.go:205-217, in its order: frameworks, agents, the
 * listener, masters, tasks). A pure function of the load: the same load always gives the same records.
 */
import { mesosDnsHash } from '../../common/hash/z-base-32.ts';
import { domainFrag, rfc1123Label } from './labels.ts';
import type { LoadedTask, MesosDnsLoad } from './model.ts';
import { RecordSet, type EnumeratedFramework, type MesosDnsRecords } from './record-set.ts';

export const DOMAIN = 'mesos';
const TAIL = `.${DOMAIN}.`;
const AGENT_PORT = 5051;

/**
 * The records of a load, generated once per load: a GET changes nothing, and a load is never changed once read (the
 * next replaces it), so the load itself is the key.
 */
const recordsByLoad = new WeakMap<MesosDnsLoad, MesosDnsRecords>();

export function recordsOf(load: MesosDnsLoad): MesosDnsRecords {
  let records = recordsByLoad.get(load);
  if (!records) {
    records = generateRecords(load);
    recordsByLoad.set(load, records);
  }
  return records;
}

export function generateRecords(load: MesosDnsLoad): MesosDnsRecords {
  const rs = new RecordSet();
  const frags = load.frameworks.map((fw) => domainFrag(fw.name));
  // generator.go:222-237: the scheduler's host is the leader in the sandbox; parsed, never looked up.
  load.frameworks.forEach((fw, k) => {
    const a = `${frags[k]}${TAIL}`;
    rs.insert(a, load.leaderIp, 'A');
    rs.insert(`_framework._tcp.${a}`, `${a}:${fw.pidPort}`, 'SRV');
  });
  // generator.go:242-262.
  for (const ip of load.agentIps) {
    if (ip === '') continue; // not in the state's slaves
    rs.insert(`slave${TAIL}`, ip, 'A');
    rs.insert(`_slave._tcp${TAIL}`, `slave${TAIL}:${AGENT_PORT}`, 'SRV');
  }
  // generator.go:361-369, 498-529: Listener 0.0.0.0 → the host's own addresses; a master has one.
  rs.insert(`ns1${TAIL}`, load.listenerIp, 'A');
  insertMasterRecords(rs, `master@${load.masters[0]}`, load.masters);
  const frameworks: EnumeratedFramework[] = load.frameworks.map((fw, k) => ({
    name: fw.name,
    tasks: fw.tasks.map((task) => {
      const records: string[] = [];
      taskRecords(rs, task, load, frags[k]!, records);
      return { name: task.name, id: task.id, records };
    }),
  }));
  return { serial: load.serial, as: rs.as, srvs: rs.srvs, frameworks };
}

/** generator.go:290-358 for a leader pid (`master@ip:port`) and ZooKeeper's list of `ip:port` (IPv4 only here). */
export function insertMasterRecords(rs: RecordSet, leaderPid: string, masters: string[]): void {
  const leaderAddress = leaderPid.slice(leaderPid.indexOf('@') + 1);
  const leaderIp = hostOf(leaderAddress);
  rs.insert(`leader${TAIL}`, leaderIp, 'A');
  rs.insert(`master${TAIL}`, leaderIp, 'A');
  const leaderTarget = `leader${TAIL}:${leaderAddress.slice(leaderIp.length + 1)}`;
  rs.insert(`_leader._tcp${TAIL}`, leaderTarget, 'SRV');
  rs.insert(`_leader._udp${TAIL}`, leaderTarget, 'SRV');
  let index = 0;
  let leaderListed = false;
  for (const address of masters) {
    const ip = hostOf(address);
    if (address !== leaderAddress && !rs.insert(`master${TAIL}`, ip, 'A')) continue;
    if (address === leaderAddress && leaderListed) continue;
    rs.insert(`master${index}${TAIL}`, ip, 'A');
    index++;
    if (address === leaderAddress) leaderListed = true;
  }
  // generator.go:349-357: a leader missing from the list gets the next index.
  if (!leaderListed) rs.insert(`master${index}${TAIL}`, leaderIp, 'A');
}

const hostOf = (address: string): string => address.slice(0, address.lastIndexOf(':'));

/** generator.go:391-493, chains.go. */
function taskRecords(rs: RecordSet, task: LoadedTask, load: MesosDnsLoad, frag: string, records: string[]): void {
  const hash = mesosDnsHash(task.id);
  const agentId = load.agentIds[task.agent]!;
  const agentIp = load.agentIps[task.agent]!;
  const agentTail = agentId.slice(agentId.lastIndexOf('-') + 1).toLowerCase();
  // HasDiscoveryInfo: a DiscoveryInfo with a name (records/state/state.go:101-103).
  const discovery = task.discovery && task.discovery.name !== '' ? task.discovery : null;
  const pass = (name: string): void => {
    const canonical = `${name}-${hash}-${agentTail}.${frag}`;
    const plain = `${name}.${frag}`;
    // DC/OS's IPSources ["host","netinfo"] under MD@pin keep the first IPv4 of all sources: the agent's (networking-sources.md §1.3).
    rs.insertTask(plain + TAIL, agentIp, 'A', records);
    rs.insertTask(canonical + TAIL, agentIp, 'A', records);
    rs.insertTask(`${plain}.slave${TAIL}`, agentIp, 'A', records);
    rs.insertTask(`${canonical}.slave${TAIL}`, agentIp, 'A', records);
    for (const port of task.ports) {
      const target = `${canonical}.slave${TAIL}:${port}`;
      for (const subdomain of discovery ? ['.slave'] : ['.slave', '']) {
        rs.insertTask(`_${name}._tcp.${frag}${subdomain}${TAIL}`, target, 'SRV', records);
        rs.insertTask(`_${name}._udp.${frag}${subdomain}${TAIL}`, target, 'SRV', records);
      }
    }
    for (const port of discovery?.ports ?? []) {
      const target = `${canonical}${TAIL}:${port.number}`;
      const protocol = rfc1123Label(port.protocol);
      const names = protocol === '' ? [`_${name}._tcp.${frag}`, `_${name}._udp.${frag}`] : [`_${name}._${protocol}.${frag}`];
      const portName = rfc1123Label(port.name);
      for (const r of names) rs.insertTask(r + TAIL, target, 'SRV', records);
      if (portName !== '') for (const r of names) rs.insertTask(`_${portName}.${r}${TAIL}`, target, 'SRV', records);
    }
  };
  // generator.go:415-422: with DiscoveryInfo, once with its raw name (legacy) and once through the label function.
  if (discovery) {
    pass(discovery.name);
    pass(rfc1123Label(discovery.name));
  } else pass(rfc1123Label(task.name));
}
