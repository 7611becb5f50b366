import type { IncomingMessage } from 'node:http';
import { badRequest } from './badRequest';

/** A Host value: a name or IPv4 address, or a bracketed IPv6 address, then an optional port. */
const HOST = /^(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9._-]{1,253})(?::[0-9]{1,5})?$/;
/** A request target may hold printable ASCII only (no space, no control character, no raw UTF-8). */
const TARGET = /^[\x21-\x7e]+$/;

/**
 * The request's URL as the Functions host builds it (HTTP/1.0 or 1.1 only), from the request target (origin form `/path?q`
 * or absolute form `http://host/path`) and the Host header. Anything malformed is 400 BadRequest,
 * never an exception: a target such as `//[` is a path here, not a scheme-relative URL.
 */
export function requestUrl(req: IncomingMessage): URL {
  if (req.httpVersion !== '1.1' && req.httpVersion !== '1.0')
    throw badRequest('version', `HTTP/${req.httpVersion} is not supported; use HTTP/1.1`);
  const target = req.url ?? '';
  if (!TARGET.test(target))
    throw badRequest('target', 'the request target has a character that is not allowed');
  if (/^https?:\/\//i.test(target)) return absoluteUrl(target);
  if (!target.startsWith('/')) throw badRequest('target', 'the request target must start with /');
  return parse('target', `http://${host(req)}${target}`);
}

function host(req: IncomingMessage): string {
  const given = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]?.toLowerCase() === 'host');
  if (given.length > 1) throw badRequest('host', 'the request has more than one Host header');
  const value = req.headers.host;
  if (value === undefined && req.httpVersion === '1.1')
    throw badRequest('host', 'an HTTP/1.1 request needs a Host header');
  if (!value) return `localhost:${req.socket.localPort ?? 80}`;
  if (!HOST.test(value))
    throw badRequest('host', 'the Host header is not a host name or address with a port');
  return parse('host', `http://${value}`).host;
}

function absoluteUrl(target: string): URL {
  const url = parse('target', target);
  if (!url.host || url.username || url.password)
    throw badRequest('target', 'the absolute request target has no valid authority');
  return url;
}

function parse(path: 'host' | 'target', text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw badRequest(
      path,
      `the ${path === 'host' ? 'Host header' : 'request target'} does not make a valid URL`,
    );
  }
}
