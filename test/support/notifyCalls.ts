import { messagesFunction } from '../../messages/messagesFunction';
import { editActivityFunction } from '../../notify/editActivityFunction';
import { notifyFunction } from '../../notify/notifyFunction';
import type { StarterFor } from '../../notify/notifyFunction';
import type { AppServices } from '../../src/app/createApp';
import { userMessage } from './activities';
import type { Where } from './activities';
import { callFunction } from './callFunction';
import type { CallResult } from './callFunction';

/** Shortcuts for tests that talk to one app as a user (messages) and as a back end (notify). */
/** For tests that send to one recipient: starting a broadcast is an error there. */
export const noBroadcasts: StarterFor = () => ({
  start: () => Promise.reject(new Error('This test does not run broadcasts.')),
});

export class NotifyCalls {
  constructor(
    private readonly app: AppServices,
    private readonly starterFor: StarterFor = noBroadcasts,
  ) {}

  say(where: Where, text: string): Promise<CallResult> {
    return callFunction(messagesFunction(this.app.endpoint), JSON.stringify(userMessage(where, text)));
  }

  /** `PUT` (with a body) or `DELETE /api/notify/conversations/{conversationId}/activities/{activityId}`. */
  editActivity(
    method: 'PUT' | 'DELETE',
    conversationId: string,
    activityId: string,
    body?: unknown,
  ): Promise<CallResult> {
    const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    return callFunction(editActivityFunction(this.app.edits), text, {
      method,
      params: { conversationId, activityId },
    });
  }

  notify(body: unknown): Promise<CallResult> {
    return callFunction(
      notifyFunction(this.app.notify, this.starterFor),
      typeof body === 'string' ? body : JSON.stringify(body),
    );
  }
}
