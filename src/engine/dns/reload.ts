/**
 * Each master's Mesos-DNS loads the leading master's state on its own ticker (mesos-dns main.go:66-93 at DC/OS's pin):
 * first when it sees a leader, then every RefreshSeconds. A load without a leader fails and the previous records stay
 * (resolver/resolver.go:173-195). A host that goes down takes the process, and its records, with it.
 */
import type { SimContext } from '../core/events.ts';
import type { ClusterState } from '../core/model.ts';
import { leaderIndex } from '../mesos/leader.ts';
import { readLoad } from './read-state.ts';
import type { MesosDnsLoad } from './model.ts';

/** DC/OS's RefreshSeconds (DC:gen/dcos-config.yaml:94). */
export const REFRESH_MS = 30_000;
/**
 * How often a Mesos-DNS that has loaded nothing yet (or whose host is down) looks again: the sandbox's stand-in for
 * the ZooKeeper watch that starts the first load (inferred: upstream reacts to the watch at once).
 */
export const WATCH_MS = 1_000;

/** The ticker of master `master`'s Mesos-DNS; returns what it did, for the history. */
export function onReload(ctx: SimContext, state: ClusterState, master: number): string {
  const m = state.masters[master]!;
  const server = state.mesosDns.servers[master]!;
  const reload = (delay: number): void => ctx.schedule(delay, { type: 'mesos-dns.reload', master });
  if (server.boot !== m.boot) {
    server.boot = m.boot;
    server.load = null;
  }
  if (!m.up || m.units['mesos-dns'] !== 'up') {
    reload(WATCH_MS);
    return 'down';
  }
  if (leaderIndex(state) === null) {
    reload(server.load ? REFRESH_MS : WATCH_MS);
    return 'no-leader';
  }
  server.load = readLoad(state, master, ctx.now);
  reload(REFRESH_MS);
  return 'loaded';
}

/**
 * The load master `master`'s Mesos-DNS serves its records from, or null while it serves nothing: its host or process
 * is down, or it has not loaded since it started.
 */
export function servedLoad(state: ClusterState, master: number): MesosDnsLoad | null {
  const m = state.masters[master];
  const server = state.mesosDns.servers[master];
  if (!m || !server || !m.up || m.units['mesos-dns'] !== 'up' || server.boot !== m.boot) return null;
  return server.load;
}
