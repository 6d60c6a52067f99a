import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist/cli/befriend.js');
const RECORDER = join(import.meta.dirname, 'fixtures', 'record-modules.mjs');

let sandbox: Sandbox;
let dir: string;
let runs = 0;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('dist/cli/befriend.js is missing: run `npm run build` (npm test does).');
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'befriend-modules-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the built CLI and returns every module it loaded, relative to the repository. */
async function modulesLoadedBy(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  runs += 1;
  const log = join(dir, `modules-${runs}.log`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RECORDER, BIN, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        BEFRIEND_MODULE_LOG: log,
        PW: sandbox.demo.password,
        CS: sandbox.demo.consumerSecret,
        TS: sandbox.demo.tokenSecret,
        TOKEN: sandbox.demo.token,
      },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const urls = (await readFile(log, 'utf8')).trim().split('\n');
  const modules = [...new Set(urls.map((url) => (url.startsWith('file:') ? fileURLToPath(url).slice(ROOT.length) : url)))];
  return { code, modules };
}

const heavy = (modules: string[]): string[] =>
  modules.filter((m) => m.startsWith('dist/sandbox/') || m.startsWith('dist/bulk/') || m.includes('node_modules/zod/'));
const xmlReader = (modules: string[]): string[] =>
  modules.filter((m) => m === 'dist/format/parse-xml.js' || m.includes('node_modules/fast-xml-parser/'));
const oauthSigner = (modules: string[]): string[] =>
  modules.filter((m) => m === 'dist/auth/oauth1.js' || m.includes('node_modules/oauth-1.0a/'));
const follow = (...flags: string[]) =>
  modulesLoadedBy(['follow', '@dougw', '--server', sandbox.apiBase, '--username', 'demo', '--password-env', 'PW', ...flags]);

describe('each command loads only what it needs', () => {
  it('befriend follow loads neither the sandbox, nor the bulk queue, nor zod', async () => {
    const basic = await follow();
    expect(basic.code).toBe(0);
    expect(basic.modules).toContain('dist/client.js');
    expect(basic.modules).toContain('dist/cli/render-card.js');
    expect(heavy(basic.modules)).toEqual([]);
  });

  it('a JSON follow with Basic loads neither the XML reader nor the OAuth signer', async () => {
    const json = await follow('--format', 'json');
    expect(json.code).toBe(0);
    expect(xmlReader(json.modules)).toEqual([]);
    expect(oauthSigner(json.modules)).toEqual([]);
  });

  it('while an XML follow loads the XML reader, and an OAuth one the signer (so the recorder sees them)', async () => {
    const xml = await follow('--format', 'xml');
    expect(xml.code).toBe(0);
    expect(xmlReader(xml.modules)).toContain('dist/format/parse-xml.js');
    expect(xml.modules.some((m) => m.includes('node_modules/fast-xml-parser/'))).toBe(true);
    const { consumerKey } = sandbox.demo;
    const oauth = await modulesLoadedBy([
      'follow', '@dougw', '--server', sandbox.apiBase, '--format', 'json',
      '--consumer-key', consumerKey, '--consumer-secret-env', 'CS', '--token-env', 'TOKEN', '--token-secret-env', 'TS',
    ]);
    expect(oauth.code).toBe(0);
    expect(oauthSigner(oauth.modules)).toContain('dist/auth/oauth1.js');
    expect(oauth.modules.some((m) => m.includes('node_modules/oauth-1.0a/'))).toBe(true);
    expect(xmlReader(oauth.modules)).toEqual([]);
  });

  it('while befriend bulk does load the queue and zod (so the recorder sees them when they load)', async () => {
    const bulk = await modulesLoadedBy(['bulk', '--help']);
    expect(bulk.code).toBe(0);
    expect(bulk.modules).toContain('dist/bulk/file-bulk-store.js');
    expect(bulk.modules.some((m) => m.includes('node_modules/zod/'))).toBe(true);
    expect(bulk.modules.filter((m) => m.startsWith('dist/sandbox/'))).toEqual([]);
  });
});
