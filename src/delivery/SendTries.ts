import type { Dispatcher } from 'undici';

/**
 * Errors that end a try after its request may have reached the channel without an answer reaching
 * the bot: no answer in time, the connection dropped, the send aborted while the try was under way.
 * Anything else (connection refused, DNS, no route) failed before the channel could see the request.
 */
const MAY_HAVE_ARRIVED = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_ABORTED',
  'ECONNRESET',
  'EPIPE',
]);

/**
 * What the tries of one send did (each retry is a try): whether one of them may have delivered the
 * activity although the channel's answer never came. Such a send is `unknown`, not `failed`: the
 * user may have seen it. It watches every try through an undici interceptor placed under the retry
 * handler.
 */
export class SendTries {
  private maybeDelivered = false;

  /** True when a try ended without an answer after its request may have reached the channel. */
  get mayHaveArrived(): boolean {
    return this.maybeDelivered;
  }

  readonly interceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    let answered = false;
    return dispatch(options, {
      onRequestStart: (controller, context: unknown) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, statusCode, headers, socket) =>
        handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
      onResponseStart: (controller, statusCode, headers, statusMessage) => {
        answered = true;
        handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
      },
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => {
        if (!answered && mayHaveArrived(error)) this.maybeDelivered = true;
        handler.onResponseError?.(controller, error);
      },
    });
  };
}

function mayHaveArrived(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && MAY_HAVE_ARRIVED.has(code)) return true;
  return error.name === 'AbortError' || error.name === 'TimeoutError';
}
