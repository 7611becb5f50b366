import { z } from 'zod';

/** Kept since Teams support; older blobs lack them. */
const facts = {
  conversationType: z.enum(['personal', 'groupChat', 'channel']).optional(),
  tenantId: z.string().optional(),
  aadObjectId: z.string().optional(),
};

/** A stored conversation reference (see StoredReference), as read back from a blob. */
export const storedReferenceSchema = z.object({
  channelId: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  serviceUrl: z.string(),
  reference: z.record(z.string(), z.unknown()),
  ...facts,
});

/** A user's pointer (see UserPointer), as read back from a blob. */
export const userPointerSchema = z.object({
  channelId: z.string(),
  userId: z.string(),
  conversationId: z.string(),
  ...facts,
});
