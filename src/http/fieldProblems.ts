import type { z } from 'zod';
import type { FieldProblem } from '../errors';

/** zod's issues as the contract's `details`: one entry per bad field, its path dotted. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
