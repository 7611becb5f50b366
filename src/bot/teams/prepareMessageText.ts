import type { Activity } from 'botbuilder';
import { cardChoiceOf } from './cardChoice';
import { removeBotMention } from './removeBotMention';

/**
 * Makes a message's text what the user meant, before the dialogs read it: a card button's choice
 * (`value.choice`) is the text, as if typed; otherwise the bot's own @mention is taken out.
 */
export function prepareMessageText(activity: Activity): void {
  const choice = cardChoiceOf(activity.value);
  if (choice !== undefined) activity.text = choice;
  else removeBotMention(activity);
}
