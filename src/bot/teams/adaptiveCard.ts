import { CardFactory } from 'botbuilder';
import type { Attachment } from 'botbuilder';
import { ADAPTIVE_CARD_SCHEMA, ADAPTIVE_CARD_VERSION } from './adaptiveCardTypes';
import type { AdaptiveCard } from './adaptiveCardTypes';

/** An Adaptive Card attachment (version 1.4) with the given body and buttons. */
export function adaptiveCard(body: AdaptiveCard['body'], actions: AdaptiveCard['actions']): Attachment {
  const card: AdaptiveCard = {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body,
    actions,
  };
  return CardFactory.adaptiveCard(card);
}
