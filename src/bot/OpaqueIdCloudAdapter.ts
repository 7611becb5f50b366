import { CloudAdapter } from 'botbuilder';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { ConversationConstants } from 'botframework-connector';
import type { ConnectorClient } from 'botframework-connector';

type OperationSpec = Parameters<ConnectorClient['sendOperationRequest']>[1];

const HEADER = ConversationConstants.ConversationIdHttpHeaderName;
const adjusted = new WeakSet<ConnectorClient>();

/**
 * CloudAdapter whose connector clients never put a conversation id into an HTTP header.
 *
 * botframework-connector's `replyToActivity` (every reply of a user turn) copies the raw conversation
 * id into an `x-ms-conversation-id` header. Node refuses a header value with characters beyond
 * Latin-1 (`会話`, emoji), so such replies failed, and Latin-1 ones went out mangled. The id is in
 * the URL path already, percent-encoded, which is what the channel reads (`sendToConversation` never
 * sends the header), so the header is left out: ids stay opaque, whatever characters they carry.
 */
export class OpaqueIdCloudAdapter extends CloudAdapter {
  override sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const client = context.turnState.get<ConnectorClient | undefined>(this.ConnectorClientKey);
    if (client) keepIdsOutOfHeaders(client);
    return super.sendActivities(context, activities);
  }
}

function keepIdsOutOfHeaders(client: ConnectorClient): void {
  if (adjusted.has(client)) return;
  adjusted.add(client);
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = (args, spec, callback) => send(args, withoutIdHeader(spec), callback);
}

function withoutIdHeader(spec: OperationSpec): OperationSpec {
  const headers = spec.headerParameters;
  if (!headers?.some((parameter) => parameter.mapper.serializedName === HEADER)) return spec;
  return {
    ...spec,
    headerParameters: headers.filter((parameter) => parameter.mapper.serializedName !== HEADER),
  };
}
