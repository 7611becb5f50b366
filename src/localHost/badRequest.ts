import { HttpError } from '../errors';

/** Malformed HTTP at the host level (request target, Host header, percent-escape): 400 BadRequest. */
export function badRequest(path: string, message: string): HttpError {
  return new HttpError(400, 'BadRequest', `The request is malformed: ${message}.`, [{ path, message }]);
}
