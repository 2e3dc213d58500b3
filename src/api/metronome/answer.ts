/** Metronome's error bodies (MT:api/src/main/scala/dcos/metronome/api/ErrorDetail.scala, ErrorHandler.scala). */
import type { ApiResponse } from '../types.ts';

export const answer = (status: number, body: unknown): ApiResponse => ({ status, body });

export const unknownJob = (id: string): ApiResponse => answer(404, { id, message: 'Job not found' });
export const unknownRun = (jobId: string, runId: string): ApiResponse =>
  answer(404, { jobSpec: jobId, id: runId, message: 'Job Run not found' });
export const unknownSchedule = (id: string): ApiResponse => answer(404, { id, message: 'Schedule not found' });

/** Play's client errors through Metronome's ErrorHandler: `{"message", "requestPath"}`. */
export const clientError = (status: number, message: string, requestPath: string): ApiResponse => answer(status, { message, requestPath });

export const unknownRoute = (requestPath: string): ApiResponse => clientError(404, 'Unknown route.', requestPath);

/** A request body read as JSON, or the answer to text that is not JSON. */
export type BodyReader = (body: unknown) => { ok: true; value: unknown } | { ok: false; response: ApiResponse };
