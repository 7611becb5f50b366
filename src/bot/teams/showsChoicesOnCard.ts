import { Channels } from 'botbuilder';
import type { Activity } from 'botbuilder';

/** The Teams conversation types where suggested actions cannot be shown. */
const SHARED_SCOPES: ReadonlySet<string> = new Set(['groupChat', 'channel']);

/**
 * Whether a conversation gets its choices as card buttons: Teams group chats and channels. Personal
 * chats, other channels and conversations without a conversationType get suggested actions.
 */
export function showsChoicesOnCard(activity: Pick<Partial<Activity>, 'channelId' | 'conversation'>): boolean {
  const type = activity.conversation?.conversationType;
  return activity.channelId === Channels.Msteams && type !== undefined && SHARED_SCOPES.has(type);
}
