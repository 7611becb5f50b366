import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/settings/loadSettings';
import type { Settings } from '../../src/settings/Settings';

/** Settings as the app would read them from these environment values alone (no local.settings.json). */
export function testSettings(env: Record<string, string>): Settings {
  return loadSettings(env, mkdtempSync(join(tmpdir(), 'settings-')));
}
