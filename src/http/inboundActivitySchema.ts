import { z } from 'zod';
import { opaqueId as id, pathSegmentId } from './idSchemas';

/** Fields the bot reads only when present: absent or null is fine, another type is not. */
const optionalString = z.string().nullish();
const member = z.looseObject({ id });

/**
 * The fields every Bot Framework activity carries and the bot relies on, and the type of each
 * optional field the bot or the SDK reads, so that a number where text belongs is a 400 naming the
 * field rather than an error deep inside a turn. Other fields pass through untouched; the adapter
 * and the dialogs read them. `value` may be any JSON (the Bot Framework schema says so).
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: pathSegmentId.nullish(),
  channelId: id,
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({
    id: pathSegmentId,
    conversationType: optionalString,
    tenantId: optionalString,
  }),
  from: z.looseObject({ id, name: optionalString, role: optionalString, aadObjectId: optionalString }),
  recipient: z.looseObject({ id, name: optionalString, role: optionalString }).nullish(),
  text: optionalString,
  action: optionalString,
  membersAdded: z.array(member).nullish(),
  membersRemoved: z.array(member).nullish(),
  // The SDK reads every entity's `type` (mentions) and does not expect null here.
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).nullish(),
});
