import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findForbiddenKey } from '../../src/http/findForbiddenKey';
import { jsonContainers, jsonPath } from '../../src/http/jsonContainers';

test('jsonContainers: every object and array, depth first in document order, with level and path', () => {
  const document = JSON.parse('{"a": {"b": [1, {"c": null}]}, "d": [], "e": "text"}') as unknown;
  const seen = [...jsonContainers(document)].map((c) => [c.level, jsonPath(c).join('.')]);
  assert.deepEqual(seen, [
    [1, ''],
    [2, 'a'],
    [3, 'a.b'],
    [4, 'a.b.1'],
    [2, 'd'],
  ]);
  assert.deepEqual([...jsonContainers('text')], []);
});

test('findForbiddenKey walks 200,000 levels without recursion and names the key', () => {
  const levels = 200_000;
  const text = `${'{"a":'.repeat(levels)}{"__proto__": 1}${'}'.repeat(levels)}`;
  const document = JSON.parse(text) as unknown;
  const found = findForbiddenKey(document);
  assert.equal(found, `${'a.'.repeat(levels)}__proto__`);
  assert.equal(findForbiddenKey(JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`)), undefined);
});
