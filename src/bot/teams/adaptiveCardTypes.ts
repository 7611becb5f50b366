/**
 * The few Adaptive Card shapes the bot sends. Version 1.4: Teams renders up to 1.5 in bot messages,
 * and 1.4 leaves room for older mobile clients; nothing here needs more.
 */
export const ADAPTIVE_CARD_VERSION = '1.4';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Medium';
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

/** A button whose press posts a message activity with `value` = `data` and no text. */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: { choice: string };
}

export interface AdaptiveCard {
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  body: (TextBlock | FactSet)[];
  actions: SubmitAction[];
}
