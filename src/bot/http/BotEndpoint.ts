import { TurnContext } from 'botbuilder';
import type { CloudAdapter } from 'botbuilder';
import type { ServiceUrlPolicy } from '../../delivery/ServiceUrlPolicy';
import type { ActivityEndpoint, EndpointAnswer, InboundActivity } from '../../http/ActivityEndpoint';
import type { Invocation } from '../../logging/Logger';
import { botTexts } from '../botTexts';
import { CollectedResponse } from './CollectedResponse';
import { isStorageDown } from './isStorageDown';

export interface TurnLogic {
  run(context: TurnContext): Promise<void>;
}

/** Seconds a channel is asked to wait before retrying a turn that storage could not serve. */
const STORAGE_RETRY_AFTER_SECONDS = '5';

/**
 * The bot behind the `messages` function.
 *
 * 1. An anonymous bot (no app id) refuses an activity whose service URL it does not trust: 403
 *    `UntrustedServiceUrl`, before anything is read, written or sent (see ServiceUrlPolicy).
 * 2. CloudAdapter authenticates the request (401 without a valid token when an app id is set).
 * 3. An `invoke` (no feature of this bot answers one) gets an empty 200 invoke response at once: no
 *    turn, no state.
 * 4. The turn runs. A 200 means its state was saved. A turn that fails answers 503
 *    `StorageUnavailable` (with Retry-After) when storage could not be reached, else 500 `TurnFailed`,
 *    so the channel can retry; for a message, the user is told once, straight through the adapter (what
 *    the failed turn itself said is held back in its outbox and never leaves).
 */
export class BotEndpoint implements ActivityEndpoint {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly bot: TurnLogic,
    private readonly serviceUrls: ServiceUrlPolicy,
  ) {}

  async process(activity: InboundActivity, invocation: Invocation): Promise<EndpointAnswer> {
    const serviceUrl = activity.body.serviceUrl;
    if (typeof serviceUrl !== 'string' || !this.serviceUrls.allows(serviceUrl)) {
      invocation.log.warn(
        `Activity refused (invocation ${invocation.invocationId}): its service URL is not trusted;`,
        'an anonymous bot sends only to BOT_ALLOWED_SERVICE_URLS (loopback when empty).',
      );
      return error(403, 'UntrustedServiceUrl', 'The activity names a service URL this bot does not send to.');
    }
    const response = new CollectedResponse();
    let failure: { error: unknown } | undefined;
    await this.adapter.process({ method: 'POST', ...activity }, response, async (context) => {
      if (context.activity.type === 'invoke') {
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
        return;
      }
      try {
        await this.bot.run(context);
      } catch (err) {
        failure = { error: err };
        invocation.log.error(`Turn failed (invocation ${invocation.invocationId}):`, err);
        if (context.activity.type === 'message') await apologise(context, invocation);
      }
    });
    if (failure) return failed(failure.error);
    return answerOf(response);
  }
}

/** Tells the user once, bypassing the turn's outbox (which holds what the failed turn said). */
async function apologise(context: TurnContext, invocation: Invocation): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  const apology = TurnContext.applyConversationReference(
    { type: 'message', text: botTexts.turnFailed },
    reference,
  );
  try {
    await context.adapter.sendActivities(context, [apology]);
  } catch (err) {
    invocation.log.error(`Apology not sent (invocation ${invocation.invocationId}):`, err);
  }
}

function failed(err: unknown): EndpointAnswer {
  if (isStorageDown(err)) {
    return {
      ...error(
        503,
        'StorageUnavailable',
        'Storage is unavailable; the turn did not complete. Try again shortly.',
      ),
      headers: { 'retry-after': STORAGE_RETRY_AFTER_SECONDS },
    };
  }
  return error(500, 'TurnFailed', 'The turn failed. Try again.');
}

/** CloudAdapter's own answer: the invoke response or 200, 401 for a bad token, else a failure. */
function answerOf(response: CollectedResponse): EndpointAnswer {
  const status = response.statusCode;
  if (status < 400) return { status, body: response.body };
  if (status === 401) return error(401, 'Unauthorized', 'The request has no valid Bot Framework token.');
  if (status === 400) return error(400, 'InvalidBody', 'The body is not a valid activity.');
  return error(500, 'TurnFailed', 'The turn could not run.');
}

function error(status: number, code: string, message: string): EndpointAnswer {
  return { status, error: { code, message } };
}
