/**
 * The JavaScript each window loads, gzipped: its entry script plus every chunk it imports
 * (shared React included), as the production build (electron-vite) writes them to out/renderer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'electron-vite';

if (process.env.BEFRIEND_E2E_PREBUILT !== '1') await build({ logLevel: 'warn' });

const DIR = resolve(process.env.BEFRIEND_RENDERER_DIR ?? 'out/renderer');
const BUDGETS = { 'index.html': 120 * 1024, 'quick.html': 80 * 1024 } as const;

/** Entry scripts and modulepreloads of a page, then whatever those import statically. */
function scriptsOf(page: string): string[] {
  const html = readFileSync(join(DIR, page), 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map(
    (m) => resolve(DIR, m[1]!),
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(resolve(dirname(file), m[1]!));
    }
  }
  return [...seen];
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

let over = 0;
for (const [page, budget] of Object.entries(BUDGETS)) {
  if (!existsSync(join(DIR, page))) {
    console.error(`${join(DIR, page)} is missing: the build did not write it.`);
    process.exit(1);
  }
  const files = scriptsOf(page);
  const raw = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
  const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const ok = gzipped <= budget;
  if (!ok) over++;
  console.log(
    `${page.padEnd(11)} ${files.length} file(s), ${kb(raw)} raw, ${kb(gzipped)} gzipped — ` +
      `${(gzipped / budget).toFixed(2)}× of the ${kb(budget)} budget (${ok ? 'within target' : 'OVER target'})`,
  );
}
process.exitCode = over === 0 ? 0 : 1;
