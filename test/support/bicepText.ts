import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every .bicep file under the folder (recursively), path and text. */
export function readBicepFiles(folder: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...readBicepFiles(path));
    else if (entry.name.endsWith('.bicep')) files.push({ path, text: readFileSync(path, 'utf8') });
  }
  return files;
}

/** The text without `//` comments (a `//` inside a quoted string is kept). */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === "'" && line[i - 1] !== '\\') quoted = !quoted;
        if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

/**
 * The keys of each `appsettings` config resource's `properties` object literal (the form
 * infra/app/functionApp.bicep uses: `name: 'appsettings'`, then `properties: {` with one `Key: value`
 * a line). Throws when the block is not a literal object, so a change of form cannot hide settings.
 */
export function appSettingNames(bicep: string): string[] {
  const text = withoutComments(bicep);
  const names: string[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf("name: 'appsettings'", from);
    if (at < 0) return names;
    const open = /properties:\s*\{/.exec(text.slice(at));
    if (!open) throw new Error('appsettings without a literal properties object');
    let depth = 0;
    let index = at + open.index + open[0].length - 1;
    let line = '';
    let lineDepth = 0;
    for (; index < text.length; index++) {
      const char = text[index] ?? '';
      if (char === '\n') {
        const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(line);
        if (lineDepth === 1 && key?.[1]) names.push(key[1]);
        else if (lineDepth === 1 && line.trim()) {
          throw new Error(`appsettings: not a "Key: value" line: ${line.trim()}`);
        }
        line = '';
        lineDepth = depth;
        continue;
      }
      if ('{[('.includes(char)) depth++;
      if ('}])'.includes(char)) depth--;
      if (depth === 0) break;
      line += char;
    }
    from = index;
  }
}

/** The template's outputs: name and the expression after `=`. */
export function outputsOf(bicep: string): { name: string; value: string }[] {
  const outputs: { name: string; value: string }[] = [];
  for (const match of withoutComments(bicep).matchAll(/^output\s+(\w+)\s+\w+\s*=\s*(.+)$/gm)) {
    outputs.push({ name: match[1] ?? '', value: match[2] ?? '' });
  }
  return outputs;
}
