import { createHash, randomUUID } from 'node:crypto';

/**
 * An orchestration's instance id, from the idempotencyKey when there is one: a repeated call (even
 * one racing the first) finds the instance and starts nothing.
 */
export function instanceIdOf(kind: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return `${kind}-${randomUUID()}`;
  return `${kind}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}
