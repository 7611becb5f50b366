import type { CaseContext, HostileCase } from './HostileCase';
import { badTarget, invalid, json, raw, tooLarge, unauthorized, unknownRecipient } from './HostileCase';

const keyed = (c: CaseContext): Record<string, string> => ({ 'x-functions-key': c.key });

/** `/api/notify/conversations/{conversationId}/activities/{activityId}`, ids given raw (already escaped). */
export const editPath = (conversationId: string, activityId = 'reply-1'): string =>
  `/api/notify/conversations/${conversationId}/activities/${activityId}`;
const victimEdit = (c: CaseContext, activityId = 'reply-1'): string =>
  editPath(encodeURIComponent(c.victim.conversationId), activityId);
const edit =
  (
    method: string,
    target: (c: CaseContext) => string,
    body: string | undefined,
    key = true,
  ): HostileCase['request'] =>
  (c) =>
    raw({
      method,
      target: target(c),
      headers: { 'content-type': json, ...(key ? keyed(c) : {}) },
      body,
    });
const EDIT_TEXT = '{"text":"hostile edit"}';

/** Updates and deletes of sent messages: refused before the channel is called. */
export const editCases: HostileCase[] = [
  {
    name: 'edit: PUT without a key',
    request: edit('PUT', victimEdit, EDIT_TEXT, false),
    expect: unauthorized,
  },
  {
    name: 'edit: DELETE without a key',
    request: edit('DELETE', victimEdit, undefined, false),
    expect: unauthorized,
  },
  {
    name: 'edit: DELETE with a wrong key',
    request: (c) => raw({ method: 'DELETE', target: `${victimEdit(c)}?code=wrong` }),
    expect: unauthorized,
  },
  {
    name: 'edit: unknown conversation',
    request: edit('PUT', () => editPath('no-such-conversation'), EDIT_TEXT),
    expect: unknownRecipient,
  },
  {
    name: 'edit: activity id ..',
    request: edit('DELETE', (c) => victimEdit(c, '..'), undefined),
    expect: badTarget,
  },
  {
    name: 'edit: conversation id %2e%2e',
    request: edit('DELETE', () => editPath('%2e%2e'), undefined),
    expect: badTarget,
  },
  {
    name: 'edit: activity id %zz',
    request: edit('PUT', (c) => victimEdit(c, '%zz'), EDIT_TEXT),
    expect: badTarget,
  },
  {
    name: 'edit: activity id a lone surrogate escape',
    request: edit('PUT', (c) => victimEdit(c, '%ED%A0%80'), EDIT_TEXT),
    expect: badTarget,
  },
  {
    name: 'edit: activity id of 2 KB',
    request: edit('DELETE', (c) => victimEdit(c, 'a'.repeat(2048)), undefined),
    expect: invalid('activityId'),
  },
  {
    name: 'edit: conversation id of 2 KB',
    request: edit('DELETE', () => editPath('c'.repeat(2048)), undefined),
    expect: invalid('conversationId'),
  },
  {
    name: 'edit: an extra key',
    request: edit('PUT', victimEdit, '{"text":"x","foo":1}'),
    expect: invalid('foo'),
  },
  { name: 'edit: text a number', request: edit('PUT', victimEdit, '{"text":5}'), expect: invalid('text') },
  { name: 'edit: an empty object', request: edit('PUT', victimEdit, '{}'), expect: invalid('text') },
  {
    name: 'edit: a body over 256 KiB',
    request: edit('PUT', victimEdit, JSON.stringify({ text: 'x'.repeat(300 * 1024) })),
    expect: tooLarge,
  },
];
