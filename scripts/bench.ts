/**
 * `npm run bench`: measures what design.md budgets, and prints numbers (never asserts them in
 * tests). This first version reports bundle sizes of the Chromium build; later versions add
 * time-to-toolbar and validation latency once the portal adapters exist.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUILD = resolve('.output/chrome-mv3');
const CONTENT_BUDGET_GZIP = 12 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function size(path: string) {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (!existsSync(join(BUILD, 'manifest.json')) || process.argv.includes('--build')) {
  execSync('npx wxt build', { stdio: 'inherit' });
}

console.log('\nBundle sizes (chrome-mv3, gzip -9)');
const rows = files(BUILD)
  .filter((path) => path.endsWith('.js'))
  .map((path) => ({ file: relative(BUILD, path), ...size(path) }))
  .sort((a, b) => a.file.localeCompare(b.file));
for (const row of rows) {
  const isContent = row.file.startsWith('content-scripts/');
  const budget = isContent ? ` (budget ${kb(CONTENT_BUDGET_GZIP)}: ${row.gzip <= CONTENT_BUDGET_GZIP ? 'within' : 'OVER'})` : '';
  console.log(`  ${row.file.padEnd(40)} ${kb(row.raw).padStart(9)} raw ${kb(row.gzip).padStart(9)} gzip${budget}`);
}
const content = rows.filter((row) => row.file.startsWith('content-scripts/'));
if (content.length === 0) console.log('  (no content scripts yet: nothing runs on any web page)');
