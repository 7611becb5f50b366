import { z } from 'zod';

const id = z.string().min(1).max(1024);

/**
 * The fields every Bot Framework activity carries and the bot relies on. Other fields pass through
 * untouched; the adapter and the dialogs read them.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: id,
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id }),
  from: z.looseObject({ id }),
});
