/** Services with schedulers of their own (SDK packages): the watch on their scheduler app, and the scheduler of kind `sdk`. */
import type { SdkFramework } from '../core/model.ts';
import type { FrameworkScheduler, Subsystem } from '../core/subsystem.ts';
import { declineOffer } from '../mesos/master.ts';
import { handleSdkOffers } from './offers.ts';
import { adjustOffers, finishUninstall, hasWork, onReadiness, onSdkTaskStatus, onWatch, serviceOfFramework } from './services.ts';

const sdkScheduler: FrameworkScheduler<SdkFramework> = {
  kind: 'sdk',
  subscription: ({ state }, fw) => {
    const service = serviceOfFramework(state, fw);
    return { roles: fw.roles, suppressedRoles: service && hasWork(service) ? [] : fw.roles };
  },
  offers: ({ ctx, state }, fw, offers) => {
    const service = serviceOfFramework(state, fw);
    if (!service) {
      for (const offer of offers) declineOffer(ctx, state, offer.id, 5);
      return;
    }
    handleSdkOffers(ctx, state, service, offers);
    finishUninstall(ctx, state, service);
    if (state.sdk?.services[service.name]) adjustOffers(ctx, state, service);
  },
  status: ({ ctx, state }, fw, task, next) => {
    const service = serviceOfFramework(state, fw);
    if (service) onSdkTaskStatus(ctx, state, service, task, next);
  },
};

export const sdk: Subsystem = {
  name: 'sdk',
  events: {
    'sdk.watch': { trace: (e) => e.service, handle: ({ ctx, state }, e) => onWatch(ctx, state, e.service) },
    'sdk.readiness': { trace: (e) => e.taskId, handle: ({ ctx, state }, e) => onReadiness(ctx, state, e) },
  },
  schedulers: [sdkScheduler],
};
