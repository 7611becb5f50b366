import type { Attachment } from 'botbuilder';
import { botTexts } from '../botTexts';
import { adaptiveCard } from './adaptiveCard';
import { choiceSubmitActions } from './choiceSubmitActions';

/**
 * The answer buttons of a question, as a card: what group chats and channels get instead of
 * suggested actions. The question itself stays in the message's text, above the card.
 */
export function choiceCard(choices: readonly string[]): Attachment {
  return adaptiveCard(
    [{ type: 'TextBlock', text: botTexts.choiceCardHint, wrap: true }],
    choiceSubmitActions(choices),
  );
}
