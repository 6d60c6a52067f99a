/**
 * `npm run bench`: every benchmark in its own process (so one's heap and JIT state cannot colour
 * another's figures), in sequence; exits non-zero when any figure misses its target.
 * Pass names to run a subset: `npm run bench -- bulk renderer-size`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = ['main-follow', 'cli-follow', 'bulk', 'bulk-read', 'copy-follows', 'renderer-size', 'renderer-follow'];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of chosen) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (have: ${ALL.join(', ')})`);
    failed++;
    continue;
  }
  console.log(`\n== ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
