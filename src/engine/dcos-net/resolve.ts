/**
 * A name looked up from a node as its resolver does on DC/OS: dcos-dns on the node answers its own zones
 * (`*.thisdcos.directory`) and forwards `*.mesos` to the masters' Mesos-DNS (DN:apps/dcos_dns/src/dcos_dns_router.erl:55-73).
 * The sandbox asks the Mesos-DNS of the leading master, or of the first master up (inferred), with the records of
 * its last load. An IP is its own answer.
 */
import type { ClusterState } from '../core/model.ts';
import { recordsOf } from '../dns/generate.ts';
import { servedLoad } from '../dns/reload.ts';
import { leaderIndex } from '../mesos/leader.ts';
import { dcosDnsLookup } from './dns-zone.ts';

export type Resolver = 'dcos-dns' | 'mesos-dns' | 'none';

export type Resolution =
  | { ok: true; resolver: Resolver; ips: string[] }
  /** NXDOMAIN: no such name; SERVFAIL: the server for it does not answer (Mesos-DNS before its first load). */
  | { ok: false; resolver: Resolver; error: 'NXDOMAIN' | 'SERVFAIL' };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The Mesos-DNS that answers for the cluster now: the leader's, else the first master's that is up. */
export function answeringMesosDns(state: ClusterState): number | null {
  const leader = leaderIndex(state);
  if (leader !== null) return leader;
  const up = state.masters.findIndex((m) => m.up);
  return up >= 0 ? up : null;
}

export function resolveA(state: ClusterState, rawName: string, now: number): Resolution {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  if (IPV4.test(name)) return { ok: true, resolver: 'none', ips: [name] };
  if (name === 'mesos' || name.endsWith('.mesos')) return fromMesosDns(state, name, 'mesos-dns');
  // dcos-dns's copy of Mesos-DNS's zone (inferred: the copy is read from the same load, not up to 30 s later).
  if (name.endsWith(MESOS_COPY)) return fromMesosDns(state, `${name.slice(0, -MESOS_COPY.length)}.mesos`, 'dcos-dns');
  const ips = dcosDnsLookup(state, name, now);
  return ips.length > 0 ? { ok: true, resolver: 'dcos-dns', ips: [...ips] } : { ok: false, resolver: 'dcos-dns', error: 'NXDOMAIN' };
}

const MESOS_COPY = '.mesos.thisdcos.directory';

function fromMesosDns(state: ClusterState, name: string, resolver: Resolver): Resolution {
  const master = answeringMesosDns(state);
  const load = master === null ? null : servedLoad(state, master);
  if (!load) return { ok: false, resolver, error: 'SERVFAIL' };
  const ips = recordsOf(load).as.get(`${name}.`);
  return ips && ips.length > 0 ? { ok: true, resolver, ips: [...ips] } : { ok: false, resolver, error: 'NXDOMAIN' };
}
