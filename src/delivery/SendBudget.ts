/**
 * Whose rate a send spends: the channel, and on `msteams` the Entra tenant and the conversation
 * (Teams limits an app per tenant, and a bot per conversation). See budgetWindows for the limits.
 */
export interface SendKey {
  channelId: string;
  tenant?: string;
  conversation?: string;
}

/** One send's right to go out now; give it back when the channel answered (or the try ended). */
export interface SendPermit {
  /**
   * The try is over. `backOffMs`: the channel throttled it (429, or a Retry-After), so the whole
   * budget of this key waits that long before anything else goes out on it.
   */
  done(backOffMs?: number): void;
}

export interface AcquireOptions {
  /** Gives up waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Single sends: served before background (broadcast, alert) sends waiting on the same budget. */
  urgent?: boolean;
}

/**
 * The app's send rate, as every channel send spends it: single notifies, broadcast pages and alert
 * deliveries. `acquire` resolves when the send may go out. One implementation keeps the budget in
 * this process (LocalSendBudget); one shared by every instance may keep it in storage, as long as a
 * single send needs no storage round trip.
 */
export interface SendBudget {
  acquire(key: SendKey, options?: AcquireOptions): Promise<SendPermit>;
}
