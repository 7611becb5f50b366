import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingsError } from '../../src/errors';
import { appInsightsAuthentication } from '../../src/settings/appInsightsAuthentication';
import { loadSettings } from '../../src/settings/loadSettings';

const cases: [string, string, ReturnType<typeof appInsightsAuthentication>][] = [
  ['empty: the key alone', '', { kind: 'key' }],
  ['as infra/ sets it', 'ClientId=1111-2222;Authorization=AAD', { kind: 'entra', clientId: '1111-2222' }],
  [
    'any order and case, spaces',
    ' authorization = aad ; clientid = abc ',
    { kind: 'entra', clientId: 'abc' },
  ],
  ['system-assigned identity (no ClientId)', 'Authorization=AAD', { kind: 'entra' }],
];

for (const [name, value, expected] of cases) {
  test(`APPLICATIONINSIGHTS_AUTHENTICATION_STRING ${name}`, () => {
    assert.deepEqual(appInsightsAuthentication(value), expected);
  });
}

test('an authentication string without Authorization=AAD, or not Key=Value, stops start-up naming it', () => {
  for (const bad of ['ClientId=abc', 'Authorization=Basic', 'garbage']) {
    assert.throws(
      () => loadSettings({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: bad }, '/nonexistent'),
      (err: unknown) =>
        err instanceof SettingsError && /APPLICATIONINSIGHTS_AUTHENTICATION_STRING/.test(err.message),
    );
  }
});
