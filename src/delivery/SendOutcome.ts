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

/**
 * A single send the channel still throttled (or failed) when its bound for the caller ran out, with
 * nothing having reached the user: it is handed over to a background delivery (`notify` answers 202).
 */
export interface QueuedOutcome {
  status: 'queued';
  /** The last reason it did not go out (the channel's answer, no room in the budget...). */
  error: string;
}
