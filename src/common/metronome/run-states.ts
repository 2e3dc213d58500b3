/** The states of a job run (JOBS/model/JobRun.scala:37-56) and of its tasks (JOBS/scheduler/TaskState.scala:23-31). */
export type JobRunStatus = 'INITIAL' | 'STARTING' | 'ACTIVE' | 'SUCCESS' | 'FAILED';
export type JobTaskStatus =
  'TASK_CREATED' | 'TASK_STAGING' | 'TASK_STARTING' | 'TASK_RUNNING' | 'TASK_FINISHED' | 'TASK_FAILED' | 'TASK_KILLED';
