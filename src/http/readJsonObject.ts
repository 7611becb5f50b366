import type { HttpRequest } from '@azure/functions';
import { HttpError } from '../errors';
import { jsonContainers, jsonPath } from './jsonContainers';

/** How deep objects and arrays may nest in a request body (the body itself is level 1). */
export const MAX_JSON_DEPTH = 64;
/** A path in an error's details is cut to this many characters. */
const MAX_PATH_SHOWN = 256;

/**
 * Reads a request body that must be one JSON object of at most `maxBytes`. Too large: 413 (decided
 * from Content-Length before reading when the client sent it). Not UTF-8, not JSON, or not an
 * object: 400. Nested deeper than MAX_JSON_DEPTH: 400 InvalidBody (checked without recursion, so
 * that nothing after this can overflow the stack). Keys such as `__proto__` stay plain data
 * (JSON.parse never touches prototypes). Of keys repeated in one object, the last one counts.
 */
export async function readJsonObject(
  request: HttpRequest,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  if (bytes.length === 0)
    throw new HttpError(400, 'EmptyBody', 'The request body is empty; send a JSON object.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'InvalidEncoding', 'The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'InvalidJson', `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'InvalidBody', 'The request body must be a JSON object.');
  }
  for (const container of jsonContainers(value)) {
    if (container.level > MAX_JSON_DEPTH) throw tooDeep(jsonPath(container).join('.'));
  }
  return value as Record<string, unknown>;
}

function tooDeep(path: string): HttpError {
  const shown = path.length > MAX_PATH_SHOWN ? `${path.slice(0, MAX_PATH_SHOWN)}…` : path;
  const message = `nested more than ${MAX_JSON_DEPTH} levels deep`;
  return new HttpError(400, 'InvalidBody', `The request body is ${message}.`, [{ path: shown, message }]);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'PayloadTooLarge', `The request body is larger than ${maxBytes} bytes.`);
}
