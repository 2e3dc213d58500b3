/** High availability: the masters' boot sequence, ZooKeeper, and the Mesos and Marathon elections. */
import type { Subsystem } from '../core/subsystem.ts';
import { onMesosRecovered, onSchedulerElected, onUnitUp, onZkElect, onZkExpire } from './handlers.ts';
import { refreshCluster } from './refresh.ts';

export const ha: Subsystem = {
  name: 'ha',
  boot: ({ ctx, state }) => refreshCluster(ctx, state),
  events: {
    'unit.up': {
      trace: (e) => `${e.master} ${e.unit} ${e.boot}`,
      handle: ({ ctx, state }, e) => onUnitUp(ctx, state, e.master, e.unit, e.boot),
    },
    'zk.elect': { trace: () => '', handle: ({ ctx, state }) => onZkElect(ctx, state) },
    'zk.expire': { trace: (e) => `${e.session} ${e.lostAt}`, handle: ({ ctx, state }, e) => onZkExpire(ctx, state, e.session, e.lostAt) },
    'mesos.recovered': {
      trace: (e) => `${e.master} ${e.session}`,
      handle: ({ ctx, state }, e) => onMesosRecovered(ctx, state, e.master, e.session),
    },
    'marathon.elected': {
      trace: (e) => `${e.master} ${e.session}`,
      handle: ({ ctx, state }, e) => onSchedulerElected(ctx, state, 'marathon', e.master, e.session),
    },
    'metronome.elected': {
      trace: (e) => `${e.master} ${e.session}`,
      handle: ({ ctx, state }, e) => onSchedulerElected(ctx, state, 'metronome', e.master, e.session),
    },
  },
};
