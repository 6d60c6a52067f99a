/**
 * The preload as electron-vite really builds it (the project's own config, built into a temp
 * directory), run the way a sandboxed renderer runs a preload: one CommonJS script whose
 * `require` knows only `electron`.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../electron/shared/contract.js';
import { fakeContextBridge, fakeIpcRenderer } from './electron-fakes.js';

const root = join(import.meta.dirname, '..', '..');
let outDir: string;
let files: string[];
let code: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'befriend-preload-'));
  const nodeEnv = process.env.NODE_ENV;
  try {
    const resolved = await resolveConfig({ configFile: join(root, 'electron.vite.config.ts'), logLevel: 'silent' }, 'build', 'production');
    const preload = resolved.config?.preload;
    if (!preload) throw new Error('electron.vite.config.ts has no preload config');
    await build({ ...preload, logLevel: 'silent', build: { ...preload.build, outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  files = await readdir(outDir);
  code = await readFile(join(outDir, 'index.cjs'), 'utf8');
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the built preload', () => {
  it('is one CommonJS file that requires nothing but electron', () => {
    expect(files).toEqual(['index.cjs']);
    expect([...new Set(code.match(/require\(["'][^"']+["']\)/g))]).toEqual(['require("electron")']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('is at most 10 KB, with no schema library in it (payloads are checked in main)', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(10 * 1024);
    expect(code).not.toMatch(/zod/i);
    expect(code).not.toMatch(/safeParse|ZodError|strictObject/);
  });

  it('runs with a sandboxed require and exposes the contract API', async () => {
    const contextBridge = fakeContextBridge();
    const ipcRenderer = fakeIpcRenderer();
    const sandboxedRequire = (name: string) => {
      if (name === 'electron') return { contextBridge, ipcRenderer };
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxedRequire, module, exports: module.exports, console });
    const api = contextBridge.exposed.get('befriend') as Record<string, (payload?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES, 'onOpenProfile', 'onChanged', 'onNotice', 'onBulk'].sort());
    await api.lookup!({ target: '@dougw' });
    expect(ipcRenderer.invoked).toEqual([['befriend:lookup', { target: '@dougw' }]]);
  });
});
