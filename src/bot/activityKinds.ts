import type { Activity } from 'botbuilder';

/** A conversationUpdate or installationUpdate that takes this bot out of the conversation. */
export function removesBot(activity: Activity): boolean {
  if (activity.type === 'installationUpdate') {
    return activity.action === 'remove' || activity.action === 'remove-upgrade';
  }
  if (activity.type !== 'conversationUpdate') return false;
  const botId = activity.recipient?.id;
  return (activity.membersRemoved ?? []).some((member) => member.id === botId);
}

/**
 * The bot was added to the conversation: an installationUpdate `add` (or `add-upgrade`), or a
 * conversationUpdate whose `membersAdded` holds the bot (Teams sends both on install).
 */
export function addsBot(activity: Activity): boolean {
  if (activity.type === 'installationUpdate') {
    return activity.action === 'add' || activity.action === 'add-upgrade';
  }
  if (activity.type !== 'conversationUpdate') return false;
  const botId = activity.recipient?.id;
  return (activity.membersAdded ?? []).some((member) => member.id === botId);
}

/** Members (the bot or others) joined the conversation. */
export function addsMembers(activity: Activity): boolean {
  return activity.type === 'conversationUpdate' && (activity.membersAdded ?? []).length > 0;
}

/** Sent by a person (not by the bot itself, nor by a channel on the bot's behalf). */
export function isFromUser(activity: Activity): boolean {
  return activity.from?.role !== 'bot' && activity.from?.id !== activity.recipient?.id;
}

/** A message a person sent: the only activity that makes its sender a speaker. */
export function isUserMessage(activity: Activity): boolean {
  return activity.type === 'message' && isFromUser(activity);
}
