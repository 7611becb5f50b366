import { readFileSync } from 'node:fs';

/**
 * The `.funcignore` subset this project uses, as gitignore reads it: `/x` or `a/b` anchored at the
 * root, a bare name (with `*` globs) matching at any depth, a match on a folder ignoring all below,
 * `!` taking a path back (the last rule that matches decides). Throws on what it does not handle
 * (`**`), so a new pattern cannot be misread silently.
 */
export function readFuncIgnore(file: string): (path: string) => boolean {
  const rules = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = negated ? line.slice(1) : line;
      if (pattern.includes('**')) throw new Error(`unsupported: ${pattern}`);
      const body = pattern.replace(/^\//, '').replace(/\/$/, '');
      const anchored = pattern.startsWith('/') || body.includes('/');
      const source = body
        .split('')
        .map((c) => (c === '*' ? '[^/]*' : c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { negated, anchored, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const segments = path.split('/');
    const matches = (rule: (typeof rules)[number]): boolean =>
      segments.some((_, i) => {
        const prefix = segments.slice(0, i + 1).join('/');
        const name = segments[i] ?? '';
        return rule.regex.test(rule.anchored ? prefix : name);
      });
    return rules.reduce((ignored, rule) => (matches(rule) ? !rule.negated : ignored), false);
  };
}
