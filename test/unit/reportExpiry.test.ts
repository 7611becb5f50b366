import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IDEMPOTENCY_WINDOW_MS } from '../../src/notify/IdempotencyStore';
import { containerNames } from '../../src/storage/containerNames';

const ROOT = join(__dirname, '..', '..', '..');

test('infra: a lifecycle rule deletes the broadcast page records (the reports) a day after their last write', () => {
  const bicep = readFileSync(join(ROOT, 'infra', 'app', 'storage.bicep'), 'utf8');
  const rule = bicep.slice(bicep.indexOf("resource managementPolicies 'managementPolicies'"));
  assert.ok(rule.length < bicep.length, 'a management policy');
  assert.match(rule, new RegExp(`prefixMatch: \\[\\s*'${containerNames.progress}/pages/'\\s*\\]`));
  assert.match(rule, /delete: \{\s*daysAfterModificationGreaterThan: 1\s*\}/);
  assert.equal(
    IDEMPOTENCY_WINDOW_MS,
    24 * 60 * 60 * 1000,
    'the window the rule and the read-side check follow',
  );
});
