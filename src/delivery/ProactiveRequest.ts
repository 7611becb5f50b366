/** The three proactive patterns of `notify`. */
export type ProactiveMode = 'message' | 'dialog' | 'prompt';

/** A Bot Framework attachment (card, file...): a content type and its content or URL. */
export interface OutgoingAttachment {
  contentType: string;
  contentUrl?: string;
  content?: unknown;
  name?: string;
  thumbnailUrl?: string;
}

/** What a fired price alert tells the user. */
export interface StockAlertNotice {
  symbol: string;
  direction: 'above' | 'below';
  threshold: number;
  price: number;
}

/**
 * What to deliver into one conversation. Interruptions carry a delivery id: delivering the same id
 * again never pushes a second interruption (it asks the pending one's question again, if still on top).
 */
export type ProactiveRequest =
  | { mode: 'message'; text?: string; attachments?: OutgoingAttachment[] }
  | { mode: 'dialog' | 'prompt'; text?: string; resetStack: boolean; deliveryId: string }
  | { mode: 'stockAlert'; alert: StockAlertNotice; deliveryId: string };
