import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { ActivityEndpoint, EndpointAnswer, InboundActivity } from '../../http/ActivityEndpoint';
import type { Invocation } from '../../logging/Logger';
import { botTexts } from '../botTexts';
import { CollectedResponse } from './CollectedResponse';

export interface TurnLogic {
  run(context: TurnContext): Promise<void>;
}

/**
 * The bot behind the `messages` function: CloudAdapter authenticates the request (401 without a valid
 * token when an app id is set), then the turn runs. A failing turn is logged with the invocation id
 * and the user gets a short apology; the channel still gets 200, as it cannot do better with a 500.
 */
export class BotEndpoint implements ActivityEndpoint {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly bot: TurnLogic,
  ) {}

  async process(activity: InboundActivity, invocation: Invocation): Promise<EndpointAnswer> {
    const response = new CollectedResponse();
    await this.adapter.process({ method: 'POST', ...activity }, response, async (context) => {
      try {
        await this.bot.run(context);
      } catch (err) {
        invocation.log.error(`Turn failed (invocation ${invocation.invocationId}):`, err);
        await context.sendActivity(botTexts.turnFailed).catch((sendErr: unknown) => {
          invocation.log.error(`Apology not sent (invocation ${invocation.invocationId}):`, sendErr);
        });
      }
    });
    return { status: response.statusCode, body: response.body };
  }
}
