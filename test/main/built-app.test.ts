/**
 * The app as it ships, booted: `out/main/index.js` and `out/preload/index.cjs` exactly as
 * electron-vite wrote them (`npm test` builds first), loaded the way Electron loads them — main
 * by Node's own ESM loader, with its dependencies from node_modules; the preload as one CommonJS
 * script whose `require` knows only `electron`. Only `electron` itself is a stand-in (the typed
 * fakes). What source-level tests cannot see shows here: a bundle that is ESM where CJS is
 * needed, a dependency left out of package.json, a chunk that fails to load.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileFunction, constants, runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel } from '../../electron/shared/contract.js';
import { fakeElectronMain } from './electron-app.js';
import { FakeBrowserWindow, fakeContextBridge, fakeEvent, fakeInvokeEvent, fakeIpcRenderer } from './electron-fakes.js';

const OUT = join(import.meta.dirname, '..', '..', 'out');
const MAIN = join(OUT, 'main', 'index.js');
const PRELOAD_DIR = join(OUT, 'preload');
const FAKE_KEY = 'befriend.electron-fake';

/**
 * Resolves `electron` to a module whose exports are the fakes this test put on a global: runs in
 * Node's loader thread, so it is plain JavaScript and knows the fakes only by name.
 */
const ELECTRON_HOOKS = `
const FAKE = 'file:///befriend-electron-fake.mjs';
let names = [];
export function initialize(data) { names = data.names; }
export function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: FAKE, shortCircuit: true } : next(specifier, context);
}
export function load(url, context, next) {
  if (url !== FAKE) return next(url, context);
  const lines = ['const fake = globalThis[Symbol.for(${JSON.stringify(FAKE_KEY)})];', 'export default fake;'];
  for (const name of names) lines.push('export const ' + name + ' = fake.' + name + ';');
  return { format: 'module', source: lines.join('\\n'), shortCircuit: true };
}`;

/** A real `import()` by Node's own loader, past Vitest's module runner (which would transform the bundle). */
const nodeImport = compileFunction('return import(url)', ['url'], {
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
}) as (url: string) => Promise<unknown>;

const electron = fakeElectronMain();
const { app, ipcMain } = electron;
let appData: string;
const originalArgv = process.argv;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('out/main/index.js is missing: run `npm run build:app` (npm test does).');
  appData = await mkdtemp(join(tmpdir(), 'befriend-built-app-'));
  app.paths.set('appData', appData);
  (globalThis as Record<symbol, unknown>)[Symbol.for(FAKE_KEY)] = electron.module;
  register(`data:text/javascript,${encodeURIComponent(ELECTRON_HOOKS)}`, { data: { names: Object.keys(electron.module) } });
  process.argv = [originalArgv[0]!, 'befriend'];
  await nodeImport(pathToFileURL(MAIN).href);
  app.becomeReady();
  // Ready: the first launch has opened the window, registered every channel and started the sandbox.
  await vi.waitFor(
    async () => {
      expect(FakeBrowserWindow.instances.length).toBeGreaterThan(0);
      const settings = JSON.parse(await readFile(join(appData, 'Befriend', 'settings.json'), 'utf8'));
      expect(settings.firstRunDone).toBe(true);
    },
    { timeout: 50_000, interval: 50 },
  );
});

afterAll(async () => {
  app.emit('will-quit', fakeEvent());
  process.argv = originalArgv;
  await rm(appData, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('opens the main window from app:// with the built preload', () => {
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe('app://befriend/index.html');
    const preload = window.options.webPreferences?.preload;
    expect(preload).toBe(join(PRELOAD_DIR, 'index.cjs'));
    expect(existsSync(preload!)).toBe(true);
  });

  it('registers a handler for every channel of the contract', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
  });

  it('started the sandbox on the first run and follows there through IPC', async () => {
    const settings = JSON.parse(await readFile(join(appData, 'Befriend', 'settings.json'), 'utf8'));
    expect(settings.accounts).toMatchObject([{ sandbox: true, username: 'demo' }]);
    const follow = ipcMain.handlers.get(ipcChannel('follow'))!;
    const window = FakeBrowserWindow.instances[0]!;
    const result = await follow(fakeInvokeEvent(window.webContents.id, 'app://befriend/index.html'), { target: '@dougw' });
    expect(result).toMatchObject({ ok: true, user: { screenName: 'dougw', name: 'Doug Williams' } });
  });

  it('imports only Node built-ins, electron and the runtime dependencies (a packaged app has no devDependencies)', async () => {
    const { dependencies } = JSON.parse(await readFile(join(OUT, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const files = [MAIN, ...(await readdir(join(OUT, 'main', 'chunks'))).map((chunk) => join(OUT, 'main', 'chunks', chunk))];
    const packages = new Set<string>();
    for (const file of files) {
      const code = await readFile(file, 'utf8');
      for (const [, specifier] of code.matchAll(/(?:^import\b[^'"\n]*|\bimport\()\s*["']([^"'./][^"']*)["']/gm)) {
        if (specifier!.startsWith('node:') || specifier === 'electron') continue;
        packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
      }
    }
    expect(packages.size).toBeGreaterThan(0);
    expect([...packages].filter((name) => !(name in dependencies))).toEqual([]);
  });

  it('loads every chunk it splits off (the XML reader, the OAuth signer) with their dependencies', async () => {
    const chunks = await readdir(join(OUT, 'main', 'chunks'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) await nodeImport(pathToFileURL(join(OUT, 'main', 'chunks', chunk)).href);
  });
});

describe('the built preload', () => {
  let code: string;
  beforeAll(async () => {
    code = await readFile(join(PRELOAD_DIR, 'index.cjs'), 'utf8');
  });

  it('is one CommonJS file that requires nothing but electron', async () => {
    expect(await readdir(PRELOAD_DIR)).toEqual(['index.cjs']);
    expect([...new Set(code.match(/require\(["'][^"']+["']\)/g))]).toEqual(['require("electron")']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('is at most 10 KB, with no schema library in it (payloads are checked in main)', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(10 * 1024);
    expect(code).not.toMatch(/zod/i);
    expect(code).not.toMatch(/safeParse|ZodError|strictObject/);
  });

  it('runs with a sandboxed require and exposes the contract API, which reaches main', async () => {
    const contextBridge = fakeContextBridge();
    const ipcRenderer = fakeIpcRenderer();
    const sandboxedRequire = (name: string) => {
      if (name === 'electron') return { contextBridge, ipcRenderer };
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxedRequire, module, exports: module.exports, console });
    const api = contextBridge.exposed.get('befriend') as Record<string, (payload?: unknown) => Promise<unknown>>;
    const listeners = EVENT_NAMES.map((name) => `on${name[0]!.toUpperCase()}${name.slice(1)}`);
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES, ...listeners].sort());
    await api.lookup!({ target: '@dougw' });
    expect(ipcRenderer.invoked).toEqual([['befriend:lookup', { target: '@dougw' }]]);
    expect(ipcMain.handlers.has(ipcRenderer.invoked[0]![0])).toBe(true);
  });
});
