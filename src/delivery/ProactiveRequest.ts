/** The three proactive patterns. */
export type ProactiveMode = 'message' | 'dialog' | 'prompt';

/** A Bot Framework attachment (card, file...): a content type and its content or URL. */
export interface OutgoingAttachment {
  contentType: string;
  contentUrl?: string;
  content?: unknown;
  name?: string;
  thumbnailUrl?: string;
}

/** What to deliver into one conversation. */
export interface ProactiveRequest {
  mode: ProactiveMode;
  text?: string;
  attachments?: OutgoingAttachment[];
  /** dialog and prompt: cancel what was running instead of resuming it afterwards. */
  resetStack: boolean;
}
