/**
 * True for errors that mean storage could not serve the request (unreachable, timed out, 5xx, or
 * something other than storage answering, or no token for it: see StorageEndpointCheck), as
 * opposed to answers about the data (404, 409, 412).
 */
export function isStorageUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number') return status >= 500 || status === 408;
  const code = (err as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|REQUEST_SEND_ERROR|NotAzureStorage|StorageTokenUnavailable)$/.test(
      code,
    )
  );
}
