import { z } from 'zod';

/** The shape of a stored conversation reference (StoredReference), as read back from a blob. */
export const storedReferenceSchema = z.object({
  channelId: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  serviceUrl: z.string(),
  aadObjectId: z.string().optional(),
  tenantId: z.string().optional(),
  conversationType: z.string().optional(),
  reference: z.record(z.string(), z.unknown()),
});
