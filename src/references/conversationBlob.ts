import { blobSegment } from '../storage/blobSegment';

/** The blob of a conversation's reference: `conversations/{conversationId}/{channelId}`, each id a safe segment. */
export function conversationBlob(conversationId: string, channelId: string): string {
  return `conversations/${blobSegment(conversationId)}/${blobSegment(channelId)}`;
}
