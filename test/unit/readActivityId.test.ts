import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { MAX_ANSWER_BYTES, readActivityId } from '../../src/delivery/readActivityId';

const read = (...chunks: string[]) => readActivityId(Readable.from(chunks.map((c) => Buffer.from(c))), 1_000);

test('readActivityId: the id of a ResourceResponse, even split across chunks', async () => {
  assert.equal(await read('{"id":"1:Ab@x;messageid=1"}'), '1:Ab@x;messageid=1');
  assert.equal(await read('{"i', 'd":"reply-', '7"}'), 'reply-7');
});

test('readActivityId: no usable id gives undefined (empty, not JSON, not a string, not a path segment)', async () => {
  for (const body of [
    '',
    '{}',
    'not json',
    'null',
    '[1]',
    '{"id":5}',
    '{"id":""}',
    '{"id":".."}',
    '{"id":"\\ud800"}',
  ]) {
    assert.equal(await read(body), undefined, body);
  }
  assert.equal(await read(JSON.stringify({ id: 'x'.repeat(1025) })), undefined);
});

test('readActivityId: an answer over 64 KiB is not read to its end', async () => {
  let pulled = 0;
  const endless = new Readable({
    read() {
      pulled += 1;
      this.push(Buffer.alloc(16 * 1024, 0x20));
    },
  });
  assert.equal(await readActivityId(endless, 1_000), undefined);
  assert.ok(pulled * 16 * 1024 <= MAX_ANSWER_BYTES + 3 * 16 * 1024, `read ${pulled} chunks`);
  assert.equal(endless.destroyed, true);
});

test('readActivityId: an answer that never ends is given up after the timeout', async () => {
  const silent = new Readable({ read() {} });
  silent.push('{"id":"late"');
  const started = Date.now();
  assert.equal(await readActivityId(silent, 200), undefined);
  assert.ok(Date.now() - started < 2_000);
});
