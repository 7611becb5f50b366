import type { TurnContext } from 'botbuilder';
import { blobSegment } from '../../storage/blobSegment';

/** Storage key of a conversation's state (dialog stack and bookkeeping), safe for any ids. */
export function conversationStateKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  return `conversations/${blobSegment(channelId)}/${blobSegment(conversation.id)}`;
}

/** Storage key of a user's state on one channel, safe for any ids. */
export function userStateKey(context: TurnContext): string {
  const { channelId, from } = context.activity;
  return `users/${blobSegment(channelId)}/${blobSegment(from.id)}`;
}
