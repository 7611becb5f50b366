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

/** Members other than the bot joined: time to say hello. */
export function addsUser(activity: Activity): boolean {
  if (activity.type !== 'conversationUpdate') return false;
  const botId = activity.recipient?.id;
  return (activity.membersAdded ?? []).some((member) => member.id !== botId);
}

/** Sent by a person (not by the bot itself, nor by a channel on the bot's behalf). */
export function isFromUser(activity: Activity): boolean {
  return activity.from?.role !== 'bot' && activity.from?.id !== activity.recipient?.id;
}
