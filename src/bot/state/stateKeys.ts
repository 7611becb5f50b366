import type { TurnContext } from 'botbuilder';
import { blobSegment } from '../../storage/blobSegment';

/** Storage key of a conversation's state (dialog stack and bookkeeping), safe for any ids. */
export function conversationStateKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  return `conversations/${blobSegment(channelId)}/${blobSegment(conversation.id)}`;
}
