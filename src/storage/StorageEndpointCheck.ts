import type {
  HttpOperationResponse,
  RequestPolicy,
  RequestPolicyFactory,
  RequestPolicyOptions,
  WebResource,
} from '@azure/storage-blob';
import { NotStorageError, StorageTokenError } from '../errors';

/**
 * Checks every storage call of one client, outside the SDK's retries, so that a storage problem
 * names the endpoint instead of a bare "socket hang up":
 * - an answer without `x-ms-request-id` (every Azure Storage and Azurite answer has one) is another
 *   program on that port: NotStorageError (storage unavailable, see isStorageUnavailable);
 * - a failure without an answer (refused, reset, timed out) gets the endpoint in its message, its
 *   code kept, the SDK's error as its cause;
 * - no token from the identity (identity-based settings): StorageTokenUnavailable, naming the endpoint.
 * Answers from storage itself (404, 409, 412, ...) pass through untouched.
 */
export class StorageEndpointCheck implements RequestPolicyFactory {
  constructor(private readonly endpoint: string) {}

  create(nextPolicy: RequestPolicy, _options: RequestPolicyOptions): RequestPolicy {
    const { endpoint } = this;
    return {
      async sendRequest(request: WebResource): Promise<HttpOperationResponse> {
        let response: HttpOperationResponse;
        try {
          response = await nextPolicy.sendRequest(request);
        } catch (err) {
          throw named(err, endpoint);
        }
        if (!response.headers.get('x-ms-request-id')) throw new NotStorageError(endpoint, response.status);
        return response;
      },
    };
  }
}

/** The token credential could not get a token for storage (identity-based settings). */
const TOKEN_ERRORS = ['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError'];

function named(err: unknown, endpoint: string): unknown {
  if (!(err instanceof Error) || err.name === 'AbortError') return err;
  if (TOKEN_ERRORS.includes(err.name)) {
    return new StorageTokenError(endpoint, err);
  }
  const { statusCode, response } = err as { statusCode?: unknown; response?: HttpOperationResponse };
  if (typeof statusCode === 'number' && response) {
    return response.headers.get('x-ms-request-id') ? err : new NotStorageError(endpoint, statusCode);
  }
  const code = (err as { code?: unknown }).code;
  return Object.assign(
    new Error(`Storage at ${endpoint} could not be reached: ${err.message}`, { cause: err }),
    {
      code,
    },
  );
}
