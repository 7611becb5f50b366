import type { HttpResponseInit } from '@azure/functions';
import type { FieldProblem } from '../errors';
import { errorBody } from './errorBody';

/** An HTTP answer with the contract's JSON error body. */
export function jsonError(
  status: number,
  code: string,
  error: string,
  details?: FieldProblem[],
  headers?: Record<string, string>,
): HttpResponseInit {
  return { status, headers, jsonBody: errorBody(code, error, details) };
}
