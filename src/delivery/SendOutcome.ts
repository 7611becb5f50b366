/** How one delivery to one conversation ended, as `notify` reports it. */
export type DeliveryStatus = 'sent' | 'gone' | 'failed';

export interface SendOutcome {
  status: DeliveryStatus;
  /** Why it was not sent (gone or failed). */
  error?: string;
}
