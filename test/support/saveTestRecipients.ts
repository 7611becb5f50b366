import pLimit from 'p-limit';
import type { ConversationReferenceStore } from '../../src/references/ConversationReferenceStore';

/**
 * Stores `count` conversations on the `test` channel (`{prefix}-{i}`, user `{prefix}-user-{i}`) that
 * the loopback channel at `serviceUrl` serves: the recipients of a broadcast to `all`.
 */
export async function saveTestRecipients(
  references: ConversationReferenceStore,
  serviceUrl: string,
  count: number,
  prefix: string,
): Promise<void> {
  const limit = pLimit(32);
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limit(() =>
        references.save({
          channelId: 'test',
          conversationId: `${prefix}-${i}`,
          userId: `${prefix}-user-${i}`,
          serviceUrl,
          reference: {
            channelId: 'test',
            serviceUrl,
            conversation: { id: `${prefix}-${i}` },
            user: { id: `${prefix}-user-${i}` },
            bot: { id: 'bot' },
          },
        }),
      ),
    ),
  );
}
