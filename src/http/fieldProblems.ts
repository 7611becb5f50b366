import type { z } from 'zod';
import type { FieldProblem } from '../errors';

/**
 * zod's issues as the contract's `details`: one entry per bad field, its path dotted. An unknown
 * key is named in the path itself (`foo`, `to.bar`), one entry per key.
 */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: path.join('.') || '(body)', message: issue.message }];
  });
}
