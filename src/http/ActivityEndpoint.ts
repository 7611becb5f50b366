import type { Invocation } from '../logging/Logger';

/** An activity that passed the HTTP checks: a JSON object with the fields every activity has. */
export interface InboundActivity {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface EndpointAnswer {
  status: number;
  /** JSON for invoke responses; a sentence for errors (401 and such). */
  body?: unknown;
}

/** What the `messages` function hands an activity to: the bot, behind an SDK-free seam. */
export interface ActivityEndpoint {
  process(activity: InboundActivity, invocation: Invocation): Promise<EndpointAnswer>;
}
