import type { FieldProblem } from '../errors';

export interface ClientErrorAnswer {
  status: number;
  code: string;
  error: string;
  details?: FieldProblem[];
}

/**
 * What to answer when Node's own parser refuses a request or a client is too slow: 408 for the
 * timeouts, 413 for oversized chunk extensions, else 400 BadRequest naming the parser's reason.
 */
export function clientErrorAnswer(err: Error & { code?: string; reason?: string }): ClientErrorAnswer {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      code: 'RequestTimeout',
      error: 'The request was not received in time; the connection is closed.',
    };
  if (err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW')
    return { status: 413, code: 'PayloadTooLarge', error: 'The chunk extensions are too large.' };
  const reason = typeof err.reason === 'string' ? err.reason : err.message;
  const path = err.code === 'HPE_HEADER_OVERFLOW' ? 'headers' : 'request';
  return {
    status: 400,
    code: 'BadRequest',
    error: `The request is not valid HTTP: ${reason}.`,
    details: [{ path, message: `${err.code ?? 'parse error'}: ${reason}` }],
  };
}
