/** The request generator (model.ts): each second, every running client sends its requests. */
import type { Subsystem } from '../core/subsystem.ts';
import { isRunning, trafficOf } from './clients.ts';
import { sendSecond, tally } from './requests.ts';
import { SERIES_SECONDS } from './model.ts';

export const traffic: Subsystem = {
  name: 'traffic',
  events: {
    'traffic.tick': {
      handle: ({ ctx, state }) => {
        const t = trafficOf(state);
        const running = t.clients.filter(isRunning);
        for (const client of running) {
          const second = tally(client, ctx.now - 1000, sendSecond(ctx, state, client));
          client.series.push(second);
          if (client.series.length > SERIES_SECONDS) client.series.shift();
          ctx.record(`${ctx.now} traffic.tick ${client.name} ${second.ok} ${second.errors}`);
        }
        t.ticking = running.length > 0;
        if (t.ticking) ctx.schedule(1000, { type: 'traffic.tick' });
      },
    },
  },
};
