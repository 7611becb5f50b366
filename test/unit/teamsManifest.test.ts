import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const FOLDER = join(__dirname, '..', '..', '..', 'appPackage');

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles: boolean }[];
}
const manifest = JSON.parse(readFileSync(join(FOLDER, 'manifest.json'), 'utf8')) as Manifest;

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(file: string): { width: number; height: number; transparent: boolean } {
  const bytes = readFileSync(join(FOLDER, file));
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${file} is a PNG`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), transparent: bytes[25] === 6 };
}

test('the Teams app manifest is schema 1.17 or later, with the bot id as a placeholder', () => {
  const [major = 0, minor = 0] = manifest.manifestVersion.split('.').map(Number);
  assert.ok(major > 1 || (major === 1 && minor >= 17), manifest.manifestVersion);
  assert.ok(manifest.$schema.includes(`/v${manifest.manifestVersion}/`), 'the schema of that version');
  assert.equal(manifest.bots.length, 1);
  const bot = manifest.bots[0];
  assert.equal(bot?.botId, '${{BOT_ID}}');
  assert.deepEqual(bot?.scopes.slice().sort(), ['groupChat', 'personal', 'team']);
  assert.equal(bot?.supportsFiles, false);
  assert.equal(manifest.id, '${{TEAMS_APP_ID}}');
});

test('its icons are PNGs of the sizes Teams asks for (color 192, outline 32 with transparency)', () => {
  assert.deepEqual(pngSize(manifest.icons.color), { width: 192, height: 192, transparent: true });
  assert.deepEqual(pngSize(manifest.icons.outline), { width: 32, height: 32, transparent: true });
});
