/**
 * Spark's dispatcher behind Admin Router at `/service/spark/…`: the REST submission server of MesosClusterDispatcher
 * (`MesosRestServer`): `POST /v1/submissions/create`, `GET /v1/submissions/status/<id>`,
 * `POST /v1/submissions/kill/<id>`. Answers are Jackson's JSON of SubmitRestProtocolResponse, keys in alphabetical
 * order. Only the default service name `spark` is routed (the prefix is static).
 */
import type { ApiContext, ApiService } from '../service.ts';
import type { ApiResponse } from '../types.ts';
import { jsonBody } from '../http.ts';
import type { ClusterState } from '../../engine/core/model.ts';
import { frameworkById } from '../../engine/mesos/frameworks.ts';
import type { DispatcherService, SparkDriver } from '../../engine/dispatchers/model.ts';
import { killDriver, submitDriver } from '../../engine/dispatchers/spark.ts';
import type {
  SparkCreateSubmissionResponse,
  SparkErrorResponse,
  SparkKillSubmissionResponse,
  SparkSubmissionStatusResponse,
} from '../shapes/dispatchers.ts';

/** The Spark of the package (mesosphere/spark 2.12.0-3.0.1). */
export const SERVER_SPARK_VERSION = '3.0.1';
export const SPARK_SERVICE_NAME = 'spark';
const NOT_READY = 'Scheduler is not ready to take requests';

const json = (status: number, body: unknown): ApiResponse => ({ status, body });
const error = (status: number, message: string): ApiResponse =>
  json(status, { action: 'ErrorResponse', message, serverSparkVersion: SERVER_SPARK_VERSION } satisfies SparkErrorResponse);

const ready = (state: ClusterState, service: DispatcherService) => frameworkById(state, service.frameworkId).registered;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `CreateSubmissionRequest.validate`: appResource, mainClass (may be empty for Python), sparkProperties. */
function create(api: ApiContext, service: DispatcherService, raw: unknown): ApiResponse {
  const parsed = jsonBody(raw);
  if (!parsed.ok) return error(400, `Malformed request: ${parsed.error}`);
  const b = parsed.value;
  if (!isRecord(b)) return error(400, 'Malformed request: the request body is not a JSON object');
  if (b['action'] !== undefined && b['action'] !== 'CreateSubmissionRequest')
    return error(400, `Malformed request: unexpected action ${String(b['action'])}`);
  if (typeof b['appResource'] !== 'string') return error(400, "Malformed request: 'appResource' is missing");
  if (!isRecord(b['sparkProperties'])) return error(400, "Malformed request: 'sparkProperties' is missing");
  const props = Object.fromEntries(Object.entries(b['sparkProperties']).map(([k, v]) => [k, String(v)]));
  const appArgs = Array.isArray(b['appArgs']) ? b['appArgs'].map(String) : [];
  if (!ready(api.state, service))
    return json(200, { action: 'CreateSubmissionResponse', message: NOT_READY, serverSparkVersion: SERVER_SPARK_VERSION, success: false });
  const mainClass = typeof b['mainClass'] === 'string' ? b['mainClass'] : '';
  const driver = submitDriver(api.ctx, api.state, service, { appResource: b['appResource'], mainClass, appArgs, sparkProperties: props });
  const out: SparkCreateSubmissionResponse = {
    action: 'CreateSubmissionResponse',
    serverSparkVersion: SERVER_SPARK_VERSION,
    submissionId: driver.submissionId,
    success: true,
  };
  return json(200, out);
}

/** The driver task's last status as protobuf text (`TaskStatus.toString`, abbreviated to its id and state). */
function taskStatusText(driver: SparkDriver): string | undefined {
  if (driver.taskState === null) return undefined;
  return `task_id {\n  value: "${driver.submissionId}"\n}\nstate: ${driver.taskState}\n`;
}

function status(service: DispatcherService, id: string): ApiResponse {
  const driver = service.drivers.find((d) => d.submissionId === id);
  const message = driver ? taskStatusText(driver) : undefined;
  const out: SparkSubmissionStatusResponse = {
    action: 'SubmissionStatusResponse',
    driverState: driver ? driver.state : 'NOT_FOUND',
    ...(message !== undefined ? { message } : {}),
    serverSparkVersion: SERVER_SPARK_VERSION,
    submissionId: id,
    success: driver !== undefined,
  };
  return json(200, out);
}

function kill(api: ApiContext, service: DispatcherService, id: string): ApiResponse {
  const result = ready(api.state, service) ? killDriver(api.ctx, api.state, service, id) : { success: false, message: NOT_READY };
  const out: SparkKillSubmissionResponse = {
    action: 'KillSubmissionResponse',
    message: result.message,
    serverSparkVersion: SERVER_SPARK_VERSION,
    submissionId: id,
    success: result.success,
  };
  return json(200, out);
}

export const sparkService: ApiService = {
  prefix: `service/${SPARK_SERVICE_NAME}`,
  handle(api, { segments, req }) {
    const service = api.state.dispatchers?.services[SPARK_SERVICE_NAME];
    if (!service || service.packageName !== 'spark') return { status: 404, body: 'Not Found', headers: { 'Content-Type': 'text/plain' } };
    const [v1, submissions, action, id = ''] = segments;
    if (v1 !== 'v1' || submissions !== 'submissions') return error(400, `Unknown protocol version '${v1 ?? ''}'.`);
    // `dcos spark run` posts to `/v1/submissions/create/` (its submission id flag is empty).
    if (action === 'create' && id === '' && req.method === 'POST') return create(api, service, req.body);
    if (action === 'status' && id !== '' && req.method === 'GET') return status(service, id);
    if (action === 'kill' && id !== '' && req.method === 'POST') return kill(api, service, id);
    return error(400, 'Malformed path.');
  },
};
