import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { createApp } from '../../src/app/createApp';
import { createFunctions } from '../../src/app/createFunctions';
import { hostRoutes } from '../../src/localHost/hostRoutes';
import { loadSettings } from '../../src/settings/loadSettings';

const ROOT = join(__dirname, '..', '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Documented routes whose code is on another branch of issue 11 / teams work. Each must not be
 * registered here yet: once it is, this test fails until its entry is deleted.
 */

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}
const document = parse(readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8')) as OpenApi;

function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The routes the app serves: its HTTP functions (under /api, as both hosts mount them) and the host routes. */
function registeredRoutes(): string[] {
  const services = createApp(loadSettings({}, mkdtempSync(join(tmpdir(), 'openapi-'))));
  const unused = (): never => {
    throw new Error('not called');
  };
  const functions = createFunctions(services, unused, unused, unused).flatMap((definition) =>
    definition.kind === 'http'
      ? definition.methods.map((method) => `${method} /api/${definition.route}`)
      : [],
  );
  const host = hostRoutes(new Map()).flatMap((route) =>
    route.methods.map((method) => `${method} /${route.template.join('/')}`),
  );
  return [...functions, ...host];
}

/** Every `code` enum in the document (error bodies name their codes that way). */
function documentedCodes(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => documentedCodes(item, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const codes = (value as { enum?: unknown } | null)?.enum;
      if (key === 'code' && Array.isArray(codes)) codes.forEach((code) => into.add(String(code)));
      documentedCodes(value, into);
    }
  }
  return into;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The codes the product code answers with: `jsonError(status, 'Code'`, `errorBody('Code'`, `code: 'Code'`... */
function codesInCode(): Set<string> {
  const codes = new Set<string>();
  const call = /\b(?:jsonError|errorBody|HttpError|error)\(\s*(?:\d{3}\s*,\s*)?'([A-Z][A-Za-z]+)'/g;
  const field = /\bcode:\s*'([A-Z][A-Za-z]+)'/g;
  for (const folder of ['src', 'messages', 'notify', 'alertTimer']) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(call)) codes.add(match[1] ?? '');
      for (const match of text.matchAll(field)) codes.add(match[1] ?? '');
    }
  }
  return codes;
}

test('docs/openapi.yaml is OpenAPI 3.1', () => {
  assert.match(document.openapi, /^3\.1\./);
});

test('the documented routes are the routes the app registers (path and method)', () => {
  const registered = registeredRoutes();
  assert.ok(registered.includes('POST /api/messages') && registered.includes('POST /api/notify'));
  assert.deepEqual(documentedRoutes().sort(), [...registered].sort());
});

test('the documented error codes are exactly the codes the code answers with', () => {
  const inCode = codesInCode();
  assert.ok(inCode.has('InvalidBody') && inCode.has('StorageUnavailable'), [...inCode].join(', '));
  assert.deepEqual([...documentedCodes(document)].sort(), [...inCode].sort());
});
