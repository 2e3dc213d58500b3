/** Metronome's error bodies (MT:api/src/main/scala/dcos/metronome/api/ErrorDetail.scala, ErrorHandler.scala). */
import type { ApiResponse } from '../types.ts';

export const answer = (status: number, body: unknown): ApiResponse => ({ status, body });

export const unknownJob = (id: string): ApiResponse => answer(404, { id, message: 'Job not found' });
export const unknownRun = (jobId: string, runId: string): ApiResponse =>
  answer(404, { jobSpec: jobId, id: runId, message: 'Job Run not found' });
export const unknownSchedule = (id: string): ApiResponse => answer(404, { id, message: 'Schedule not found' });

/** Twirl's `HtmlFormat.escape`, which ErrorHandler applies to both strings (ErrorHandler.scala: the XSS comment). */
const escapeHtml = (text: string): string =>
  text.replace(/[<>"'&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '&': '&amp;' })[c]!);

/**
 * Play's client errors through Metronome's ErrorHandler (ErrorHandler.scala:17-22): `{"message", "requestPath"}`, both
 * HTML-escaped; `requestPath` is Play's `request.path`, without the query string.
 */
export const clientError = (status: number, message: string, requestPath: string): ApiResponse =>
  answer(status, { message: escapeHtml(message), requestPath: escapeHtml(requestPath) });

/** ErrorHandler.onServerError (:44-45): a failed action answers 500 with only the path. */
export const serverError = (requestPath: string): ApiResponse => answer(500, { requestPath: escapeHtml(requestPath) });

export const unknownRoute = (requestPath: string): ApiResponse => clientError(404, 'Unknown route.', requestPath);

/** A request body read as JSON, or the answer to text that is not JSON. */
export type BodyReader = (body: unknown) => { ok: true; value: unknown } | { ok: false; response: ApiResponse };
