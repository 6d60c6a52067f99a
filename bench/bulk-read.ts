/**
 * Reading a list at the cap, as main does for a bulk preview: parsing 50 000 lines (plain text,
 * and the same accounts as a following.js) against a baseline of only splitting the text into
 * lines, median of 15 runs each after a warm-up. The parse is one pass, stopped at the cap, so
 * this is the longest a preview holds main; target ≤ 500 ms.
 */
import { MAX_BULK_ENTRIES } from '../core/bulk/bulk-limits.js';
import { parseBulkInput } from '../core/bulk/parse-bulk-input.js';
import { median, ms, ratio } from './stats.js';

const RUNS = 15;
const MS_TARGET = 500;

function time(work: () => unknown): number {
  work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    work();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

const names = Array.from({ length: MAX_BULK_ENTRIES }, (_, i) => `user_${i}`);
const text = names.map((n) => `@${n}`).join('\n');
const archive = `window.YTD.following.part0 = [${names.map((_, i) => `{"following":{"accountId":"${i + 1}"}}`).join(',\n')}]`;

let missed = 0;
for (const [label, input] of [['text', text], ['following.js', archive]] as const) {
  const baseline = time(() => input.split('\n'));
  const parse = time(() => {
    const parsed = parseBulkInput(input);
    if (!parsed.ok || parsed.input.entries.length !== MAX_BULK_ENTRIES) throw new Error(`${label}: not ${MAX_BULK_ENTRIES} entries`);
  });
  const within = parse <= MS_TARGET;
  if (!within) missed += 1;
  console.log(
    `${label}, ${MAX_BULK_ENTRIES} lines: parse ${ms(parse)} vs split ${ms(baseline)} = ${ratio(parse, baseline)} ` +
      `(${within ? 'within' : 'OVER'} target ≤ ${MS_TARGET} ms)`,
  );
}
process.exitCode = missed === 0 ? 0 : 1;
