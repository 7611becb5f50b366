import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPlaygroundPort } from '../../src/cli/readPlaygroundPort';

test('PLAYGROUND_PORT: default 56150, 0 for any free port, anything else not a port is refused by name', () => {
  assert.equal(readPlaygroundPort(undefined), 56150);
  assert.equal(readPlaygroundPort(''), 56150);
  assert.equal(readPlaygroundPort('0'), 0);
  assert.equal(readPlaygroundPort('56151'), 56151);
  for (const bad of ['abc', '-1', '65536', '1e3', '80.5', '0x50']) {
    assert.throws(() => readPlaygroundPort(bad), /PLAYGROUND_PORT/, bad);
  }
});
