/** Mesos-DNS on every master (networking-sources.md §1): records of the `.mesos` zone, reloaded every 30 s. */
import type { Subsystem, World } from '../core/subsystem.ts';
import { onReload, WATCH_MS } from './reload.ts';

const startTickers = ({ ctx, state }: World): void =>
  state.masters.forEach((_, master) => ctx.schedule(WATCH_MS, { type: 'mesos-dns.reload', master }));

export const mesosDns: Subsystem = {
  name: 'mesos-dns',
  boot: startTickers,
  resume: (world) => {
    if (!world.state.mesosDns.unstarted) return;
    delete world.state.mesosDns.unstarted;
    startTickers(world);
  },
  events: {
    'mesos-dns.reload': {
      handle: ({ ctx, state }, e) => ctx.record(`${ctx.now} mesos-dns.reload ${e.master} ${onReload(ctx, state, e.master)}`),
    },
  },
};
