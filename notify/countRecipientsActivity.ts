import type { ActivityDefinition } from '../src/host/FunctionDefinition';
import { COUNT_RECIPIENTS_ACTIVITY } from '../src/notify/ScheduledSend';
import type { ConversationReferenceStore } from '../src/references/ConversationReferenceStore';

/** Activity: how many conversations a broadcast to `all` goes to now (one list request per 5,000). */
export function countRecipientsActivity(references: ConversationReferenceStore): ActivityDefinition {
  return {
    kind: 'activity',
    name: COUNT_RECIPIENTS_ACTIVITY,
    handler: async () => {
      const { pages } = await references.pageTokens(5000);
      return pages.reduce((n, page) => n + page.size, 0);
    },
  };
}
