import { z } from 'zod';
import { opaqueId as id, pathSegmentId } from '../http/idSchemas';
import { sendAtSchema } from './sendAtSchema';

/** The most user ids one call may name (one page of the broadcast). */
export const MAX_USER_IDS = 10_000;

/** Teams' limit on a message is about 28 KB; 16,000 characters stays under every channel's. */
export const MAX_TEXT = 16_000;

const channelRecipient = z.union(
  [
    z.literal('all'),
    z.strictObject({ userId: id }),
    z.strictObject({ conversationId: pathSegmentId }),
    // Each user once, in the order first named: a repeated id is not sent to twice.
    z.strictObject({
      userIds: z
        .array(id)
        .min(1)
        .max(MAX_USER_IDS)
        .transform((ids) => [...new Set(ids)]),
    }),
  ],
  {
    error: 'must be {"userId"}, {"conversationId"}, {"aadObjectId", "tenantId"}, {"userIds": [...]} or "all"',
  },
);

/** A Teams user by Entra object id, in their tenant (both opaque ids). */
const aadRecipient = z.strictObject({ aadObjectId: id, tenantId: id });

/**
 * `to`. An object naming `aadObjectId` or `tenantId` is judged as an Entra recipient alone, so that
 * what is wrong with it is named exactly (`to.tenantId` missing, `to.extra` unknown); anything else
 * as one of the other forms.
 */
const recipient = z.unknown().transform((value, ctx) => {
  const checked = isAadShaped(value) ? aadRecipient.safeParse(value) : channelRecipient.safeParse(value);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});

function isAadShaped(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (Object.hasOwn(value, 'aadObjectId') || Object.hasOwn(value, 'tenantId'))
  );
}

const attachment = z.strictObject({
  contentType: z.string().min(1).max(256),
  contentUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  content: z.unknown().optional(),
  name: z.string().max(1024).optional(),
  thumbnailUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
});

/** A message's text, as `notify` and an update of a sent message take it. */
export const messageText = z.string().min(1, 'must not be empty').max(MAX_TEXT);

/** A message's attachments (cards, files), as `notify` and an update of a sent message take them. */
export const messageAttachments = z.array(attachment).max(10);

/** `POST /api/notify`'s body, as the contract gives it. */
export const notifyRequestSchema = z
  .strictObject({
    to: recipient,
    channelId: id.optional(),
    mode: z.enum(['message', 'dialog', 'prompt']).default('message'),
    text: messageText.optional(),
    attachments: messageAttachments.optional(),
    resetStack: z.boolean().default(false),
    idempotencyKey: z.string().min(1).max(128).optional(),
    /** When to send (a Durable timer); absent: now. */
    sendAt: sendAtSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.mode === 'message' && body.text === undefined && !body.attachments?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: 'text (or attachments) is required for mode "message"',
      });
    }
    if (body.mode === 'message' && body.resetStack) {
      ctx.addIssue({
        code: 'custom',
        path: ['resetStack'],
        message: 'applies to modes "dialog" and "prompt" only',
      });
    }
  });

export type NotifyRequest = z.infer<typeof notifyRequestSchema>;
