/**
 * Schedulers that are neither Marathon nor dcos-commons: Spark's dispatcher and its applications' frameworks, and
 * Jenkins' master (kind `dispatcher` for both schedulers that run as Marathon apps, kind `spark-app` for an
 * application's framework registered by its driver).
 */
import type { DispatcherFramework, SparkAppFramework } from '../core/model.ts';
import type { FrameworkScheduler, Subsystem } from '../core/subsystem.ts';
import { declineOffer } from '../mesos/master.ts';
import { jenkinsHasWork, jenkinsOffers, onAgentStatus, onBuildDone } from './jenkins.ts';
import { onWatch, serviceOf } from './services.ts';
import {
  appOffers,
  appWantsOffers,
  dispatcherOffers,
  driverOfApp,
  onAppDone,
  onDriverStatus,
  onExecutorStatus,
  REJECT_OFFER_SECONDS,
} from './spark.ts';

const dispatcherScheduler: FrameworkScheduler<DispatcherFramework> = {
  kind: 'dispatcher',
  subscription: ({ state }, fw) => {
    const service = serviceOf(state, fw.service);
    // Jenkins' plugin asks for offers only with builds queued; Spark's dispatcher always takes them (and declines).
    const quiet = service?.packageName === 'jenkins' && !jenkinsHasWork(service);
    return { roles: fw.roles, suppressedRoles: quiet ? fw.roles : [] };
  },
  offers: ({ ctx, state }, fw, offers) => {
    const service = serviceOf(state, fw.service);
    if (!service) for (const offer of offers) declineOffer(ctx, state, offer.id, REJECT_OFFER_SECONDS);
    else if (service.packageName === 'spark') dispatcherOffers(ctx, state, service, offers);
    else jenkinsOffers(ctx, state, service, offers);
  },
  status: ({ ctx, state }, fw, task, next) => {
    const service = serviceOf(state, fw.service);
    if (service?.packageName === 'spark') onDriverStatus(ctx, state, service, task, next);
    else if (service) onAgentStatus(ctx, state, service, task, next);
  },
};

const sparkAppScheduler: FrameworkScheduler<SparkAppFramework> = {
  kind: 'spark-app',
  subscription: ({ state }, fw) => ({ roles: fw.roles, suppressedRoles: appWantsOffers(driverOfApp(state, fw)) ? [] : fw.roles }),
  offers: ({ ctx, state }, fw, offers) => appOffers(ctx, state, fw, offers),
  status: ({ state }, fw, task, next) => onExecutorStatus(state, fw, task, next),
};

export const dispatchers: Subsystem = {
  name: 'dispatchers',
  events: {
    'dispatcher.watch': { trace: (e) => e.service, handle: ({ ctx, state }, e) => onWatch(ctx, state, e.service) },
    'spark.app-done': {
      trace: (e) => `${e.service} ${e.submissionId}`,
      handle: ({ ctx, state }, e) => {
        const service = serviceOf(state, e.service);
        if (service) onAppDone(ctx, state, service, e.submissionId);
      },
    },
    'jenkins.build-done': {
      trace: (e) => `${e.service} ${e.build}`,
      handle: ({ ctx, state }, e) => {
        const service = serviceOf(state, e.service);
        if (service) onBuildDone(ctx, state, service, e.build, e.taskId);
      },
    },
  },
  schedulers: [dispatcherScheduler, sparkAppScheduler],
};
