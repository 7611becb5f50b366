import type { HostileCase } from './HostileCase';
import { activity, messagesCall, notifyBody, notifyCall, raw, tooLarge, unauthorized } from './HostileCase';

const MB100 = 100 * 1024 * 1024;

/**
 * Bodies over the limits (notify 256 KiB, messages 1 MiB), declared or streamed: 413 (401 when
 * unkeyed) before the body is read, so a declared 100 MB that never comes is still answered.
 */
export const sizeCases: HostileCase[] = [
  {
    name: 'notify: body over 256 KiB',
    request: (c) =>
      notifyCall(c, notifyBody(c, { attachments: [{ contentType: 'x', content: 'a'.repeat(256 * 1024) }] })),
    expect: tooLarge,
  },
  {
    name: 'notify: declares 100 MB and sends no body (answer before the body)',
    request: (c) =>
      raw({
        method: 'POST',
        target: '/api/notify',
        headers: { 'x-functions-key': c.key },
        declaredLength: MB100,
      }),
    expect: tooLarge,
  },
  {
    name: 'notify: unkeyed, declares 100 MB, sends no body (401 before the body)',
    request: () => raw({ method: 'POST', target: '/api/notify', declaredLength: MB100 }),
    expect: unauthorized,
  },
  {
    name: 'notify: Expect 100-continue with 100 MB declared',
    request: (c) =>
      raw({
        method: 'POST',
        target: '/api/notify',
        headers: { 'x-functions-key': c.key, expect: '100-continue' },
        declaredLength: MB100,
      }),
    expect: tooLarge,
  },
  {
    name: 'notify: 300 KB chunked without Content-Length',
    request: (c) => {
      const chunk = 'a'.repeat(10_000);
      const frames = Array.from({ length: 30 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join(
        '',
      );
      return raw({
        method: 'POST',
        target: '/api/notify',
        headers: { 'x-functions-key': c.key, 'transfer-encoding': 'chunked' },
        body: `${frames}0\r\n\r\n`,
      });
    },
    expect: tooLarge,
  },
  {
    name: 'messages: body over 1 MiB',
    request: (c) => messagesCall(activity(c, { channelData: { pad: 'a'.repeat(1024 * 1024) } })),
    expect: tooLarge,
  },
  {
    name: 'messages: declares 100 MB and sends no body (answer before the body)',
    request: () =>
      raw({
        method: 'POST',
        target: '/api/messages',
        headers: { 'content-type': 'application/json' },
        declaredLength: MB100,
      }),
    expect: tooLarge,
  },
];
