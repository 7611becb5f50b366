/** One armed price alert: fires once, when the symbol's price reaches the threshold. */
export interface Alert {
  id: string;
  channelId: string;
  userId: string;
  /** Where the user armed it: the conversation the alert interrupts. */
  conversationId: string;
  symbol: string;
  direction: 'above' | 'below';
  threshold: number;
  createdAt: number;
  /** Set once the threshold was crossed: the alert is being delivered (or will be retried). */
  firing?: AlertFiring;
}

export interface AlertFiring {
  /** The price that crossed the threshold: what the user is told. */
  price: number;
  /** The tick delivering it now; none when the last delivery failed and a later tick retries. */
  claimedBy?: string;
  claimedAt?: number;
  attempts: number;
}

/** True when the price has reached the alert's threshold. */
export function isCrossed(alert: Pick<Alert, 'direction' | 'threshold'>, price: number): boolean {
  return alert.direction === 'above' ? price >= alert.threshold : price <= alert.threshold;
}
