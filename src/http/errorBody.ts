import type { FieldProblem } from '../errors';

/** The contract's error body: `{"error": "<one sentence>", "code": "<Word>", "details"?: [...]}`. */
export interface ErrorBody {
  error: string;
  code: string;
  details?: FieldProblem[];
}

export function errorBody(code: string, error: string, details?: FieldProblem[]): ErrorBody {
  return details?.length ? { error, code, details } : { error, code };
}
