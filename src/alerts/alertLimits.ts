/** Armed alerts one user may have at once. */
export const MAX_ALERTS_PER_USER = 10;

/** Alerts are spread over this many blobs; a tick reads each once. */
export const ALERT_SHARDS = 32;

/** A claim older than this belongs to a tick that died; a later tick takes the alert over. */
export const ALERT_CLAIM_TTL_MS = 5 * 60 * 1000;

/** Highest threshold accepted, to catch typos. */
export const MAX_THRESHOLD = 10_000_000;
