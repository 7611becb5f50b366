import type { Response } from 'botbuilder';

/**
 * The response object CloudAdapter.process writes to, collected instead of sent, so that the
 * `messages` function can turn it into a Functions HTTP response.
 */
export class CollectedResponse implements Response {
  readonly socket = undefined;
  statusCode = 200;
  body: unknown;
  readonly headers: Record<string, string> = {};

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    return this;
  }
}
