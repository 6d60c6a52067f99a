/**
 * `npm start` where the Electron binary is missing: one line saying how to get it, exit 1, no
 * stack trace — whether the download is skipped or fails. Each case runs the real script
 * against a stand-in `node_modules/electron` (never the network, never a real launch).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'start.mjs');
let electronDir: string;

beforeEach(async () => {
  electronDir = await mkdtemp(join(tmpdir(), 'befriend-electron-'));
});
afterEach(async () => {
  await rm(electronDir, { recursive: true, force: true });
});

/** An electron package without its binary, whose installer behaves as given. */
async function electronWithoutBinary(installer: string): Promise<void> {
  await writeFile(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  await writeFile(join(electronDir, 'install.js'), installer);
}

function start(env: Record<string, string> = {}) {
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [SCRIPT], {
    env: { ...inherited, BEFRIEND_ELECTRON_DIR: electronDir, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function expectOneLine(output: string, pattern: RegExp): void {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(output).not.toMatch(/^\s+at /m);
}

const FAILING_DOWNLOAD = `process.stderr.write('HTTPError: Response code 404\\n    at Request.emit (node:events:1:1)\\n'); process.exit(1);`;

describe('npm start without the Electron binary', () => {
  it('with ELECTRON_SKIP_BINARY_DOWNLOAD: one line naming npx install-electron, exit 1, nothing fetched', async () => {
    await electronWithoutBinary(`require('node:fs').writeFileSync(${JSON.stringify(join(electronDir, 'ran'))}, 'yes');`);
    const { status, output } = start({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(status).toBe(1);
    expectOneLine(output, /npx install-electron/);
    expect(existsSync(join(electronDir, 'ran'))).toBe(false);
  });

  it("when fetching the binary fails: the same line, without the installer's stack", async () => {
    await electronWithoutBinary(FAILING_DOWNLOAD);
    const { status, output } = start();
    expect(status).toBe(1);
    expectOneLine(output, /npx install-electron/);
    expect(output).not.toContain('HTTPError');
  });

  it('when the installer succeeds but leaves no binary: the same line', async () => {
    await electronWithoutBinary(`require('node:fs').writeFileSync(${JSON.stringify(join(electronDir, 'path.txt'))}, 'electron');`);
    const { status, output } = start();
    expect(status).toBe(1);
    expectOneLine(output, /npx install-electron/);
  });

  it('without the electron package at all: says to run npm install', () => {
    const { status, output } = start();
    expect(status).toBe(1);
    expectOneLine(output, /npm install/);
  });
});
