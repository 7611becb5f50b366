import { messagesFunction } from '../../messages/messagesFunction';
import { notifyFunction } from '../../notify/notifyFunction';
import type { AppServices } from '../../src/app/createApp';
import { userMessage } from './activities';
import type { Where } from './activities';
import { callFunction } from './callFunction';
import type { CallResult } from './callFunction';

/** Shortcuts for tests that talk to one app as a user (messages) and as a back end (notify). */
export class NotifyCalls {
  constructor(private readonly app: AppServices) {}

  say(where: Where, text: string): Promise<CallResult> {
    return callFunction(messagesFunction(this.app.endpoint), JSON.stringify(userMessage(where, text)));
  }

  notify(body: unknown): Promise<CallResult> {
    return callFunction(
      notifyFunction(this.app.notify),
      typeof body === 'string' ? body : JSON.stringify(body),
    );
  }
}
