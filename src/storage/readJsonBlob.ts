import { buffer as readAll } from 'node:stream/consumers';
import type { BlobClient } from '@azure/storage-blob';
import type { z } from 'zod';

/** Downloads a JSON blob in one request and checks its shape; undefined when the blob is not there. */
export async function readJsonBlob<T>(blob: BlobClient, schema: z.ZodType<T>): Promise<T | undefined> {
  let body: NodeJS.ReadableStream | undefined;
  try {
    body = (await blob.download()).readableStreamBody;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
  if (!body) return undefined;
  const text = (await readAll(body)).toString('utf8');
  return schema.parse(JSON.parse(text));
}
