/**
 * Normalizing an XML user (parseUserBody: validation, safe parse, per-field conversion) against
 * fast-xml-parser's bare `new XMLParser().parse` of the same body, in one run, interleaved so
 * both see the same machine state. Target: normalizing costs at most 1.5× the bare parse.
 *
 *   node --import tsx bench/parse.ts
 */
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { parseUserBody } from '../core/format/parse-user-body.js';
import { DOUG_XML } from '../test/fixtures/doug-williams.js';
import { median, verdict } from './stats.js';

export interface ParseBenchResult {
  /** Iterations timed per side (after warm-up). */
  iterations: number;
  normalizeOpsPerSec: number;
  bareOpsPerSec: number;
  /** Time of one normalization over time of one bare parse. */
  ratio: number;
  target: number;
  withinTarget: boolean;
}

const TARGET_RATIO = 1.5;
const WARM_UP = 3_000;
const ROUNDS = 21;
const PER_ROUND = 1_000;

/** Seconds for n runs of `work`; counting its truthy results keeps the work from being optimized away. */
function time(n: number, work: () => unknown): { seconds: number; kept: number } {
  let kept = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (work()) kept++;
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, kept };
}

export async function runParseBench(): Promise<ParseBenchResult> {
  const normalize = () => parseUserBody(DOUG_XML, 'xml').ok;
  const bare = () => new XMLParser().parse(DOUG_XML) as unknown;
  if (!normalize()) throw new Error('the benchmark body does not normalize to a user');
  time(WARM_UP, normalize);
  time(WARM_UP, bare);
  const normalizeRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    normalizeRates.push(PER_ROUND / time(PER_ROUND, normalize).seconds);
    bareRates.push(PER_ROUND / time(PER_ROUND, bare).seconds);
    // Yield between rounds so a caller's timers and I/O are not starved.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const normalizeOpsPerSec = median(normalizeRates);
  const bareOpsPerSec = median(bareRates);
  const ratio = bareOpsPerSec / normalizeOpsPerSec;
  return {
    iterations: ROUNDS * PER_ROUND,
    normalizeOpsPerSec,
    bareOpsPerSec,
    ratio,
    target: TARGET_RATIO,
    withinTarget: ratio <= TARGET_RATIO,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runParseBench();
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} ops/s`;
  console.log(`parseUserBody (XML, normalized): ${rate(result.normalizeOpsPerSec)}`);
  console.log(`new XMLParser().parse (bare):    ${rate(result.bareOpsPerSec)}`);
  console.log(`ratio: ${result.ratio.toFixed(3)}×, ${verdict(result.ratio, result.target)}`);
  if (!result.withinTarget) process.exitCode = 1;
}
