#!/usr/bin/env node
/**
 * `npm test`: every kind of test, one step after another, each step's time and the total printed
 * as it goes. Stops at the first step that fails, with that step's exit code. The app is built
 * once, first, so the tests that load the built bundles and the browser tests see the same build.
 * `BEFRIEND_TEST_STEPS=typecheck,unit` runs only the named steps (in this order).
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const STEPS = [
  { name: 'build', what: 'core and command line (tsc), then the app (electron-vite)', run: 'npm run build && npx --no-install electron-vite build --logLevel warn' },
  { name: 'typecheck', what: "the whole tree, the contract's compile-time checks included", run: 'npm run typecheck' },
  { name: 'unit', what: 'unit, integration, main, renderer and command-line tests (vitest)', run: 'npx --no-install vitest run' },
  { name: 'e2e', what: 'the built renderer in Chromium (Playwright)', run: 'npx --no-install playwright test', env: { BEFRIEND_E2E_PREBUILT: '1' } },
  { name: 'electron', what: 'the real Electron binary, where installed', run: 'npx --no-install playwright test -c playwright.electron.config.ts' },
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function runStep(step) {
  return new Promise((done) => {
    const child = spawn(step.run, { cwd: root, shell: true, stdio: 'inherit', env: { ...process.env, ...step.env } });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', () => done(1));
  });
}

const only = process.env.BEFRIEND_TEST_STEPS?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !STEPS.some((step) => step.name === name)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`Unknown step ${unknown.join(', ')}; the steps are ${STEPS.map((s) => s.name).join(', ')}.\n`);
  process.exit(2);
}

const started = Date.now();
const times = [];
for (const step of STEPS.filter((s) => !only || only.includes(s.name))) {
  process.stdout.write(`\n== ${step.name}: ${step.what}\n`);
  const stepStarted = Date.now();
  const code = await runStep(step);
  const took = Date.now() - stepStarted;
  times.push(`${step.name} ${seconds(took)}`);
  if (code !== 0) {
    process.stdout.write(`\n== ${step.name} failed (exit ${code}) after ${seconds(took)}; total ${seconds(Date.now() - started)}\n`);
    process.exit(code);
  }
  process.stdout.write(`== ${step.name} passed in ${seconds(took)}\n`);
}
process.stdout.write(`\n== all passed in ${seconds(Date.now() - started)} (${times.join(', ')})\n`);
