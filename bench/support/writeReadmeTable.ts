import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { figureBefore } from './figureBefore';
import type { Figure } from './figures';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

function show(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function row(figure: Figure): string {
  const before = figureBefore(figure.label) ?? '';
  const cells = [
    figure.label,
    show(figure.ours, figure.unit),
    show(figure.baseline, figure.unit),
    Number.isFinite(figure.ratio) ? figure.ratio.toFixed(2) : 'n/a',
    before,
  ];
  return `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
}

/**
 * Rewrites the README's performance table (between the bench markers) from the figures of this run,
 * with the run's date and Node version, then formats the README as `npm run lint` expects.
 */
export async function writeReadmeTable(figures: readonly Figure[], heading: string): Promise<void> {
  const path = join(__dirname, '..', '..', '..', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section.`);
  const table = [
    heading,
    '',
    '| figure | product | baseline (same run) | ratio | before issue 12 |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map(row),
  ].join('\n');
  const next = `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(next, { ...options, filepath: path }));
  console.log(`README.md: performance table rewritten (${figures.length} figures).`);
}
