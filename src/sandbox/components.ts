/**
 * The one place where the cluster's components are registered: each brings its part of the
 * simulation (events, boot, framework schedulers) and its part of the HTTP API. The order of the
 * engine parts is the boot order (high availability first: the masters come up before anything runs).
 */
import type { ApiService } from '../api/service.ts';
import { cosmosService, cosmosServiceRoutes } from '../api/cosmos/service.ts';
import { exhibitorService } from '../api/exhibitor/service.ts';
import { marathonService } from '../api/marathon/service.ts';
import { mesosService } from '../api/mesos/service.ts';
import { sandboxService } from '../api/sandbox/service.ts';
import { systemService } from '../api/system/service.ts';
import { logsService } from '../api/logs/service.ts';
import type { Subsystem } from '../engine/core/subsystem.ts';
import { syntheticFrameworks } from '../engine/frameworks/subsystem.ts';
import { ha } from '../engine/ha/subsystem.ts';
import { marathon } from '../engine/marathon/subsystem.ts';
import { metronome } from '../engine/metronome/subsystem.ts';
import { metronomeService } from '../api/metronome/service.ts';
import { mesosDns } from '../engine/dns/subsystem.ts';
import { mesosDnsService } from '../api/dns/service.ts';
import { mesos } from '../engine/mesos/subsystem.ts';
import { netService, networkingService } from '../api/net/service.ts';
import { traffic } from '../engine/traffic/subsystem.ts';
import { sdk } from '../engine/sdk/subsystem.ts';
import { sdkService } from '../api/sdk/service.ts';
import { marathonLbService } from '../api/marathon-lb/service.ts';
import { dispatchers } from '../engine/dispatchers/subsystem.ts';
import { sparkService } from '../api/dispatchers/spark-service.ts';
import { jenkinsBuildsService } from '../api/dispatchers/jenkins-route.ts';
import { usage } from '../engine/usage/subsystem.ts';
import { agentSnapshotService } from '../api/metrics/service.ts';
import { iamService, sessionService } from '../api/iam/service.ts';
import { secretsService } from '../api/secrets/service.ts';

export interface Component {
  engine?: Subsystem;
  api?: ApiService[];
}

export const COMPONENTS: readonly Component[] = [
  { engine: ha, api: [exhibitorService, systemService, logsService] },
  { engine: mesos, api: [mesosService] },
  { engine: marathon, api: [marathonService] },
  { engine: syntheticFrameworks },
  { engine: metronome, api: [metronomeService] },
  { engine: mesosDns, api: [mesosDnsService] },
  { api: [netService, networkingService] },
  { api: [cosmosService, cosmosServiceRoutes] },
  { engine: traffic },
  { api: [marathonLbService] },
  { engine: sdk, api: [sdkService] },
  { engine: dispatchers, api: [sparkService, jenkinsBuildsService] },
  { engine: usage, api: [agentSnapshotService] },
  { api: [iamService, sessionService] },
  { api: [secretsService] },
  { api: [sandboxService] },
];

export const SUBSYSTEMS: readonly Subsystem[] = COMPONENTS.flatMap((c) => (c.engine ? [c.engine] : []));
export const API_SERVICES: readonly ApiService[] = COMPONENTS.flatMap((c) => c.api ?? []);
