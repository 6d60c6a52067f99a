#!/usr/bin/env node
/**
 * `npm start`: makes sure the Electron binary is there (since Electron 42 npm no longer fetches
 * it at install time: the first run does), builds the app with electron-vite, and launches it.
 * Where the binary cannot be had, it says how to get it in one line and exits 1 — no stack.
 * Extra arguments go to Electron: `npm start -- --enable-features=GlobalShortcutsPortal`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = process.env.BEFRIEND_ELECTRON_DIR ?? join(root, 'node_modules', 'electron');

const HOW_TO_GET_IT =
  'Befriend needs the Electron binary, which is not installed here: run `npx install-electron` ' +
  '(or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD), then `npm start` again.';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The binary's path when it is installed, else null; never downloads (unlike `require('electron')`). */
function installedBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function skipDownload() {
  const value = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

if (!existsSync(join(electronDir, 'package.json'))) {
  fail('Befriend needs its dependencies: run `npm install`, then `npm start` again.');
}

let binary = installedBinary();
if (binary === null && !skipDownload()) {
  // Progress only for people at a terminal: elsewhere the outcome is the one line below.
  if (process.stderr.isTTY) process.stderr.write('Fetching the Electron binary (first start only)…\n');
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10 * 60 * 1000,
  });
  if (fetched.status === 0) binary = installedBinary();
}
if (binary === null) fail(HOW_TO_GET_IT);

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) fail('The build failed (see above); fix it, then `npm start` again.');

const app = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
