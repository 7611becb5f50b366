import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServiceUrlPolicy } from '../../src/delivery/ServiceUrlPolicy';

// Pure checks: nothing here connects anywhere, so non-loopback addresses may appear.
const loopbackOnly = new ServiceUrlPolicy(true, []);
const listed = new ServiceUrlPolicy(true, ['http://127.0.0.1:3978', 'https://smba.trafficmanager.net']);

const cases: [ServiceUrlPolicy, string, boolean][] = [
  [loopbackOnly, 'http://localhost:3978/', true],
  [loopbackOnly, 'http://LOCALHOST:1/', true],
  [loopbackOnly, 'http://127.0.0.1:56150/_connector', true],
  [loopbackOnly, 'https://127.255.0.9/', true],
  [loopbackOnly, 'http://[::1]:8080/', true],
  [loopbackOnly, 'http://[0:0:0:0:0:0:0:1]/', true],
  [loopbackOnly, 'http://[::ffff:127.0.0.1]/', true],
  [loopbackOnly, 'http://2130706433/', true], // decimal 127.0.0.1
  [loopbackOnly, 'http://0x7f000002/', true], // hex 127.0.0.2
  [loopbackOnly, 'http://0177.0.0.1/', true], // octal
  [loopbackOnly, 'http://127.1/', true],
  [loopbackOnly, 'http://127.0.0.1./', true], // a trailing dot is dropped by WHATWG for IPv4
  [loopbackOnly, 'http://3232235777/', false], // 192.168.1.1
  [loopbackOnly, 'http://0xc0a80101/', false],
  [loopbackOnly, 'http://127.0.0.1@evil.example/', false],
  [loopbackOnly, 'http://evil.example\\@127.0.0.1/', false],
  [loopbackOnly, 'http://localhost:1@127.0.0.2:3/', false], // user part: refused whatever the host
  [loopbackOnly, 'http://localhost./', false],
  [loopbackOnly, 'http://localhost.evil.example/', false],
  [loopbackOnly, 'http://127.0.0.1.evil.example/', false],
  [loopbackOnly, 'http://[::2]/', false],
  [loopbackOnly, 'http://[::ffff:c0a8:101]/', false],
  [loopbackOnly, 'http://0.0.0.0/', false],
  [loopbackOnly, 'https://smba.trafficmanager.net/amer/', false],
  [loopbackOnly, 'ftp://127.0.0.1/', false],
  [loopbackOnly, 'file:///etc/passwd', false],
  [loopbackOnly, 'javascript:alert(1)', false],
  [loopbackOnly, 'not a url', false],
  [listed, 'http://127.0.0.1:3978/', true],
  [listed, 'HTTP://2130706433:3978/api/', true], // the same origin, spelled otherwise
  [listed, 'https://smba.trafficmanager.net/amer/', true],
  [listed, 'https://SMBA.trafficmanager.net:443/emea/', true],
  [listed, 'http://127.0.0.1:3979/', false], // another port
  [listed, 'https://127.0.0.1:3978/', false], // another scheme
  [listed, 'http://localhost:3978/', false], // another host name, even if it resolves the same
  [listed, 'http://127.0.0.2:3978/', false], // loopback, but not listed
  [listed, 'http://smba.trafficmanager.net/', false],
  [listed, 'https://smba.trafficmanager.net.evil.example/', false],
  [listed, 'https://smba.trafficmanager.net@evil.example/', false],
  [listed, 'https://user:pw@smba.trafficmanager.net/', false],
];

for (const [policy, url, allowed] of cases) {
  test(`${policy === listed ? 'listed origins' : 'loopback only'}: ${url} is ${allowed ? 'allowed' : 'refused'}`, () => {
    assert.equal(policy.allows(url), allowed);
  });
}

test('with an app id every service URL is left to botbuilder (the validated token vouches for it)', () => {
  const policy = ServiceUrlPolicy.fromSettings({ microsoftAppId: 'app', botAllowedServiceUrls: [] });
  assert.equal(policy.allows('https://smba.trafficmanager.net/amer/'), true);
  const anonymous = ServiceUrlPolicy.fromSettings({ microsoftAppId: '', botAllowedServiceUrls: [] });
  assert.equal(anonymous.allows('https://smba.trafficmanager.net/amer/'), false);
});
