import { randomUUID } from 'node:crypto';
import type { ProactiveRequest } from '../delivery/ProactiveRequest';
import type { NotifyRequest } from './notifyRequestSchema';

/**
 * What to deliver, from a notify request. An interruption gets its delivery id now: a broadcast's
 * conversations share it, and a re-run page or scheduled send pushes nothing twice.
 */
export function toProactiveRequest({ mode, text, attachments, resetStack }: NotifyRequest): ProactiveRequest {
  if (mode === 'message') return { mode, text, attachments };
  return { mode, text, resetStack, deliveryId: randomUUID() };
}
