import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blobSegment } from '../../src/storage/blobSegment';

const tricky = [
  'a/b',
  'a//b',
  '..',
  '.',
  '../../etc/passwd',
  '%2F',
  '%',
  '%252F',
  'a b',
  '19:abc@thread.tacv2',
  'a:1;messageid=1234',
  '名前',
  '😀',
  'x'.repeat(1024),
  'x'.repeat(1023) + 'y',
  'é'.repeat(600),
  "it's (*)!~",
];

test('blobSegment never yields a path separator, a dot segment or an unbounded name', () => {
  for (const id of tricky) {
    const segment = blobSegment(id);
    assert.ok(!segment.includes('/'), `${id} gave ${segment}`);
    assert.ok(!segment.includes('.'), `${id} gave ${segment}`);
    assert.ok(segment.length <= 200, `${id} gave ${segment.length} characters`);
    assert.match(segment, /^[A-Za-z0-9%_-]+$/);
  }
});

test('blobSegment gives distinct ids distinct segments', () => {
  const segments = new Set(tricky.map(blobSegment));
  assert.equal(segments.size, tricky.length);
});

test('blobSegment is stable and readable for ordinary ids', () => {
  assert.equal(blobSegment('user-1'), 'user-1');
  assert.equal(blobSegment('a/b'), blobSegment('a/b'));
  assert.equal(blobSegment('a/b'), 'a%2Fb');
});
