/** Spark's REST submission protocol (SubmitRestProtocolMessage) and the sandbox's Jenkins builds: types only. */

export interface SparkCreateSubmissionResponse {
  action: 'CreateSubmissionResponse';
  message?: string;
  serverSparkVersion: string;
  submissionId?: string;
  success: boolean;
}

export interface SparkSubmissionStatusResponse {
  action: 'SubmissionStatusResponse';
  driverState: 'QUEUED' | 'RUNNING' | 'FINISHED' | 'RETRYING' | 'NOT_FOUND';
  message?: string;
  serverSparkVersion: string;
  submissionId: string;
  success: boolean;
}

export interface SparkKillSubmissionResponse {
  action: 'KillSubmissionResponse';
  message: string;
  serverSparkVersion: string;
  submissionId: string;
  success: boolean;
}

export interface SparkErrorResponse {
  action: 'ErrorResponse';
  message: string;
  serverSparkVersion: string;
}

export interface JenkinsBuildJson {
  number: number;
  state: 'QUEUED' | 'RUNNING' | 'DONE';
  durationSeconds: number;
  /** The build agent's Mesos task, once launched. */
  agentTaskId: string | null;
}
