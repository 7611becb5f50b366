import type { HostileCase } from './HostileCase';
import { activity, invalid, messagesCall, nestedArrays, nestedObjects } from './HostileCase';

const long = 'x'.repeat(1025);

/** `[name, changes to a valid message activity, the field details[].path must name]`. */
const fields: [string, Record<string, unknown>, string][] = [
  ['text is a number', { text: 42 }, 'text'],
  ['text is an object', { text: { value: 'help' } }, 'text'],
  ['text is an array', { text: ['help'] }, 'text'],
  ['text is true', { text: true }, 'text'],
  ['type is missing', { type: undefined }, 'type'],
  ['type is a number', { type: 5 }, 'type'],
  ['type is empty', { type: '' }, 'type'],
  ['channelId is missing', { channelId: undefined }, 'channelId'],
  ['channelId is a number', { channelId: 5 }, 'channelId'],
  ['channelId of 1025 characters', { channelId: long }, 'channelId'],
  ['conversation is missing', { conversation: undefined }, 'conversation'],
  ['conversation is a string', { conversation: 'c' }, 'conversation'],
  ['conversation has no id', { conversation: {} }, 'conversation.id'],
  ['conversation.id is a number', { conversation: { id: 5 } }, 'conversation.id'],
  ['conversation.id is empty', { conversation: { id: '' } }, 'conversation.id'],
  ['conversation.id of 1025 characters', { conversation: { id: long } }, 'conversation.id'],
  ['conversation.id is ".."', { conversation: { id: '..' } }, 'conversation.id'],
  ['conversation.id is "."', { conversation: { id: '.' } }, 'conversation.id'],
  ['conversation.id is a lone surrogate', { conversation: { id: 'c\ud800' } }, 'conversation.id'],
  ['activity id is ".."', { id: '..' }, 'id'],
  ['from.id is a lone surrogate', { from: { id: '\udc00u' } }, 'from.id'],
  ['from is missing', { from: undefined }, 'from'],
  ['from is null', { from: null }, 'from'],
  ['from.id is empty', { from: { id: '' } }, 'from.id'],
  ['from.id of 1025 characters', { from: { id: long } }, 'from.id'],
  ['serviceUrl is missing', { serviceUrl: undefined }, 'serviceUrl'],
  ['serviceUrl is a number', { serviceUrl: 5 }, 'serviceUrl'],
  ['serviceUrl is empty', { serviceUrl: '' }, 'serviceUrl'],
  ['serviceUrl is not a URL', { serviceUrl: 'not a url' }, 'serviceUrl'],
  ['serviceUrl is ftp:', { serviceUrl: 'ftp://127.0.0.1:21/' }, 'serviceUrl'],
  ['serviceUrl is file:', { serviceUrl: 'file:///etc/passwd' }, 'serviceUrl'],
  ['serviceUrl is javascript:', { serviceUrl: 'javascript:alert(1)' }, 'serviceUrl'],
  ['serviceUrl is data:', { serviceUrl: 'data:text/plain,hi' }, 'serviceUrl'],
  ['serviceUrl is scheme-relative', { serviceUrl: '//127.0.0.1:1/' }, 'serviceUrl'],
];

/** Activities and bodies the bot must refuse before any turn runs: 4xx JSON, no reply, no state. */
export const messagesCases: HostileCase[] = [
  {
    name: 'messages: body is not JSON',
    request: () => messagesCall('hello'),
    expect: { status: 400, code: 'InvalidJson' },
  },
  {
    name: 'messages: bytes that are not UTF-8',
    request: (c) => {
      const text = JSON.stringify(activity(c, { text: 'PLACEHOLDER' })).split('PLACEHOLDER');
      return messagesCall(
        Buffer.concat([
          Buffer.from(text[0] ?? ''),
          Buffer.from([0xff, 0xfe, 0xfd]),
          Buffer.from(text[1] ?? ''),
        ]),
      );
    },
    expect: { status: 400, code: 'InvalidEncoding' },
  },
  {
    name: 'messages: UTF-16 with its byte order mark',
    request: (c) =>
      messagesCall(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(activity(c)), 'utf16le')]),
      ),
    expect: { status: 400, code: 'InvalidEncoding' },
  },
  {
    name: 'messages: empty body',
    request: () => messagesCall(''),
    expect: { status: 400, code: 'EmptyBody' },
  },
  { name: 'messages: array of an activity', request: (c) => messagesCall([activity(c)]), expect: invalid() },
  { name: 'messages: number', request: () => messagesCall('42'), expect: invalid() },
  { name: 'messages: null', request: () => messagesCall('null'), expect: invalid() },
  { name: 'messages: string', request: () => messagesCall('"help"'), expect: invalid() },
  ...fields.map(([name, changes, path]): HostileCase => ({
    name: `messages: ${name}`,
    request: (c) => messagesCall(activity(c, changes)),
    expect: invalid(path),
  })),
  {
    name: 'messages: __proto__ supplies the missing type',
    request: (c) =>
      messagesCall(
        `{"__proto__":{"type":"message"},${JSON.stringify(activity(c, { type: undefined })).slice(1)}`,
      ),
    expect: invalid(),
  },
  {
    name: 'messages: __proto__ supplies conversation.id',
    request: (c) => {
      const body = activity(c, { conversation: { marker: 1 } });
      return messagesCall(JSON.stringify(body).replace('{"marker":1}', '{"__proto__":{"id":"x"}}'));
    },
    expect: invalid(),
  },
  {
    name: 'messages: 100 levels of nesting in channelData',
    request: (c) =>
      messagesCall(
        JSON.stringify(activity(c, { channelData: 0 })).replace(
          '"channelData":0',
          `"channelData":${nestedObjects(100)}`,
        ),
      ),
    expect: invalid(),
  },
  {
    name: 'messages: 5,000 levels of nesting in channelData',
    request: (c) =>
      messagesCall(
        JSON.stringify(activity(c, { channelData: 0 })).replace(
          '"channelData":0',
          `"channelData":${nestedObjects(5_000)}`,
        ),
      ),
    expect: invalid(),
  },
  {
    name: 'messages: 100,000 levels of nesting in channelData',
    request: (c) =>
      messagesCall(
        JSON.stringify(activity(c, { channelData: 0 })).replace(
          '"channelData":0',
          `"channelData":${nestedObjects(100_000)}`,
        ),
      ),
    expect: invalid(),
  },
  {
    name: 'messages: 100,000 nested arrays as the body',
    request: () => messagesCall(nestedArrays(100_000)),
    expect: invalid(),
  },
];

/** Legal invoke activities: answered (200, or botbuilder's 501 for an unhandled one), no state written, nothing sent. */
export const invokeCases: HostileCase[] = ['adaptiveCard/action', 'composeExtension/query', 'task/fetch'].map(
  (name): HostileCase => ({
    name: `messages: invoke ${name}`,
    request: (c) =>
      messagesCall(
        activity(c, {
          type: 'invoke',
          name,
          text: undefined,
          value: { action: { type: 'Action.Execute', verb: 'x' } },
        }),
      ),
    expect: [],
    legal: { statuses: [200, 501], writes: false },
  }),
);
