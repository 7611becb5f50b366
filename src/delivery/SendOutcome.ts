/**
 * How one delivery to one conversation ended, as `notify` reports it. `unknown`: no answer came
 * (a timeout, a connection dropped after the request went out), so the user may have seen it.
 */
export type DeliveryStatus = 'sent' | 'gone' | 'failed' | 'unknown';

export interface SendOutcome {
  status: DeliveryStatus;
  /** Why it was not sent (gone, failed or unknown). */
  error?: string;
  /**
   * The id the channel gave the (opening) message it accepted, when it answered one: what
   * `PUT`/`DELETE .../activities/{activityId}` take to update or delete that message.
   */
  activityId?: string;
}
