import type { CaseContext, HostileCase } from './HostileCase';
import { activity, messagesCall, untrusted } from './HostileCase';

/**
 * Service URLs outside BOT_ALLOWED_SERVICE_URLS (the test channel's origin only), however spelled:
 * all loopback (127.0.0.2, other ports), so that nothing can leave the machine whatever the bot does.
 * Trap listeners count any connection. The activities reuse the victim's ids (a pointer takeover).
 */
const urls: [string, (c: CaseContext) => string][] = [
  ['another loopback host', (c) => `http://127.0.0.2:${c.trap2Port}/`],
  ['userinfo before another host', (c) => `http://127.0.0.1@127.0.0.2:${c.trap2Port}/`],
  ['the allowed origin as userinfo', (c) => `http://127.0.0.1:${c.channelPort}@127.0.0.2:${c.trap2Port}/`],
  ['decimal host', (c) => `http://2130706434:${c.trap2Port}/`],
  ['hex host', (c) => `http://0x7f000002:${c.trap2Port}/`],
  ['dotted hex host', (c) => `http://0x7f.0.0.2:${c.trap2Port}/`],
  ['octal host', (c) => `http://0177.0.0.02:${c.trap2Port}/`],
  ['short host 127.2', (c) => `http://127.2:${c.trap2Port}/`],
  ['trailing dot', (c) => `http://127.0.0.2.:${c.trap2Port}/`],
  ['IPv4-mapped IPv6', (c) => `http://[::ffff:127.0.0.2]:${c.trap2Port}/`],
  ['percent-encoded host', (c) => `http://%31%32%37.0.0.2:${c.trap2Port}/`],
  ['upper-case scheme', (c) => `HTTP://127.0.0.2:${c.trap2Port}/`],
  [
    'backslash before the allowed origin',
    (c) => `http://127.0.0.2:${c.trap2Port}\\@127.0.0.1:${c.channelPort}/`,
  ],
  [
    'fragment before the allowed origin',
    (c) => `http://127.0.0.2:${c.trap2Port}#@127.0.0.1:${c.channelPort}/`,
  ],
  ['query before the allowed origin', (c) => `http://127.0.0.2:${c.trap2Port}?@127.0.0.1:${c.channelPort}/`],
  ['a port where nothing listens on 127.0.0.2', () => 'http://127.0.0.2:1/'],
  ['another port on the allowed host', (c) => `http://127.0.0.1:${c.trap1Port}/`],
  ['another port, short host 127.1', (c) => `http://127.1:${c.trap1Port}/`],
  ['another port, localhost', (c) => `http://localhost:${c.trap1Port}/`],
  ['the allowed port on [::1]', (c) => `http://[::1]:${c.channelPort}/`],
  ['https on the allowed host and port', (c) => `https://127.0.0.1:${c.channelPort}/`],
];

const victim = (c: CaseContext, serviceUrl: string, changes: Record<string, unknown> = {}): Buffer[] =>
  messagesCall(
    activity(c, {
      serviceUrl,
      conversation: { id: c.victim.conversationId },
      from: { id: c.victim.userId, name: 'Victim', role: 'user' },
      ...changes,
    }),
  );

export const serviceUrlCases: HostileCase[] = [
  ...urls.map(([name, url]): HostileCase => ({
    name: `serviceUrl: ${name}`,
    request: (c) => victim(c, url(c)),
    expect: untrusted,
  })),
  {
    name: 'serviceUrl: conversationUpdate adding the victim from another host',
    request: (c) =>
      victim(c, `http://127.0.0.2:${c.trap2Port}/`, {
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [{ id: c.victim.userId }, { id: 'bot' }],
      }),
    expect: untrusted,
  },
  {
    name: 'serviceUrl: installationUpdate from a decimal host',
    request: (c) =>
      victim(c, `http://2130706434:${c.trap2Port}/`, {
        type: 'installationUpdate',
        action: 'add',
        text: undefined,
      }),
    expect: untrusted,
  },
];
