import { InputHints } from 'botbuilder';
import type { Activity, Attachment } from 'botbuilder';
import { ChoiceFactory } from 'botbuilder-dialogs';
import { choiceCard } from './choiceCard';
import { showsChoicesOnCard } from './showsChoicesOnCard';

export interface ChoiceQuestion {
  /** The message's text; it should name the choices, so that they can be typed in any scope. */
  text: string;
  choices: readonly string[];
  /** A card to send in every scope, carrying the choices as its own buttons (else one is made where needed). */
  card?: Attachment;
}

/**
 * The message asking a question with choices, shaped for where it goes: suggested actions in a
 * personal chat (and on channels without Teams scopes), card buttons in Teams group chats and
 * channels, where suggested actions cannot be shown. A press on a card button posts
 * `value: {"choice"}`; typing the choice works everywhere.
 */
export function presentChoices(
  where: Pick<Partial<Activity>, 'channelId' | 'conversation'>,
  question: ChoiceQuestion,
): Partial<Activity> {
  const onCard = showsChoicesOnCard(where);
  const message: Partial<Activity> = onCard
    ? { type: 'message', text: question.text, inputHint: InputHints.ExpectingInput }
    : ChoiceFactory.suggestedAction([...question.choices], question.text);
  const card = question.card ?? (onCard ? choiceCard(question.choices) : undefined);
  if (card) message.attachments = [card];
  return message;
}
