import type { Invocation } from '../logging/Logger';

/** An activity that passed the HTTP checks: a JSON object with the fields every activity has. */
export interface InboundActivity {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface EndpointAnswer {
  status: number;
  /** JSON of an invoke response. */
  body?: unknown;
  /** Set on every answer of 400 or more: the contract's error code and sentence. */
  error?: { code: string; message: string };
  headers?: Record<string, string>;
}

/** What the `messages` function hands an activity to: the bot, behind an SDK-free seam. */
export interface ActivityEndpoint {
  process(activity: InboundActivity, invocation: Invocation): Promise<EndpointAnswer>;
}
