import type { Readable } from 'node:stream';
import { pathSegmentId } from '../http/idSchemas';

/** A channel's answer to a send is `{"id": "..."}`: a few hundred bytes at most. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The activity id in a channel's answer to a send (`{"id": "..."}`, Bot Framework's
 * ResourceResponse), read within `maxBytes` and `timeoutMs`; undefined when the answer is larger,
 * slower, not JSON, or has no usable id (one that a URL path segment could not carry back). Never
 * throws: the message was accepted whatever its answer's body says.
 */
export async function readActivityId(
  body: Readable,
  timeoutMs: number,
  maxBytes = MAX_ANSWER_BYTES,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = setTimeout(() => body.destroy(new Error('no answer in time')), timeoutMs);
  try {
    for await (const chunk of body) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += bytes.length;
      if (size > maxBytes) {
        body.destroy();
        return undefined;
      }
      chunks.push(bytes);
    }
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
  return idOf(Buffer.concat(chunks).toString('utf8'));
}

function idOf(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = pathSegmentId.safeParse((value as { id?: unknown }).id);
  return parsed.success ? parsed.data : undefined;
}
