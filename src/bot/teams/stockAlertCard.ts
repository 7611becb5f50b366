import type { Attachment } from 'botbuilder';
import { botTexts } from '../botTexts';
import { adaptiveCard } from './adaptiveCard';
import { choiceSubmitActions } from './choiceSubmitActions';

/** A fired alert as shown on its card, numbers already formatted. */
export interface ShownAlert {
  symbol: string;
  direction: string;
  threshold: string;
  price: string;
}

/** The price alert's card: symbol, threshold and price, the question, and a button per answer. */
export function stockAlertCard(alert: ShownAlert, choices: readonly string[]): Attachment {
  const labels = botTexts.stockAlertCardFacts;
  return adaptiveCard(
    [
      {
        type: 'TextBlock',
        text: botTexts.stockAlertCardTitle(alert.symbol),
        wrap: true,
        weight: 'Bolder',
        size: 'Medium',
      },
      {
        type: 'FactSet',
        facts: [
          { title: labels.symbol, value: alert.symbol },
          { title: labels.threshold, value: `${alert.direction} ${alert.threshold}` },
          { title: labels.price, value: alert.price },
        ],
      },
      { type: 'TextBlock', text: botTexts.stockAlertCardQuestion, wrap: true },
    ],
    choiceSubmitActions(choices),
  );
}
