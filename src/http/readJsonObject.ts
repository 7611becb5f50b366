import type { HttpRequest } from '@azure/functions';
import { HttpError } from '../errors';

/**
 * Reads a request body that must be one JSON object of at most `maxBytes`. Too large: 413 (decided
 * from Content-Length before reading when the client sent it). Not UTF-8, not JSON, or not an
 * object: 400. Keys such as `__proto__` stay plain data (JSON.parse never touches prototypes).
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
  return value as Record<string, unknown>;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'PayloadTooLarge', `The request body is larger than ${maxBytes} bytes.`);
}
