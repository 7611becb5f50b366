/** The blob containers the bot's data lives in (all in the BOT_STORAGE account). */
export const containerNames = {
  /** Conversation (dialog) state (BlobStateStorage: blob names as botbuilder-azure-blobs made them). */
  botState: 'bot-state',
  /** Conversation references and user pointers. */
  references: 'bot-references',
  /** Armed price alerts, in shards. */
  alerts: 'price-alerts',
  /** Which recipients of each broadcast page were delivered (so that a re-run page skips them). */
  progress: 'broadcast-progress',
  /** The local host's Durable task hub: orchestration instances and their histories. */
  localDurable: 'local-durable',
  /** The shared send budget: one small ledger blob per budget key (SliceLedger). */
  sendBudget: 'send-budget',
  /** Answers of notify calls, by idempotencyKey, for 24 hours. */
  idempotency: 'notify-idempotency',
} as const;
