import type { HttpResponseInit } from '@azure/functions';
import type { FieldProblem } from '../errors';

/** The contract's error body: `{"error", "code", "details"?}`. */
export function jsonError(
  status: number,
  code: string,
  error: string,
  details?: FieldProblem[],
  headers?: Record<string, string>,
): HttpResponseInit {
  return { status, headers, jsonBody: details?.length ? { error, code, details } : { error, code } };
}
