/**
 * The end-to-end world: the built renderer served over HTTP, `window.befriend` built by the
 * contract's own `createBefriendApi` and wired through Playwright bindings to main's real IPC
 * handlers (headless main: real stores in a temp dir, real client), which talk to a real sandbox.
 * Only the transport differs from the app: bindings instead of Electron's IPC.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../core/sandbox/server.js';
import type { BefriendClient } from '../../core/client-api.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import type { CallContext } from '../../electron/main/services.js';
import { CHANNEL_NAMES, createBefriendApi, EVENT_NAMES, isChannelName } from '../../electron/shared/contract.js';

export const RENDERER_DIR = resolve(process.env.BEFRIEND_RENDERER_DIR ?? 'out/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves the built renderer read-only; anything outside the folder is a 404. */
export async function serveRenderer(dir = RENDERER_DIR): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    // Chromium keeps connections alive (and may be mid-request) while the page lives: close drops
    // them all rather than waiting for the browser to let go.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

interface BindingNames {
  channels: readonly string[];
  events: readonly string[];
}

/** Runs in the page before its scripts: builds `window.befriend` from the contract's factory. */
function installApi({ factory, names }: { factory: string; names: BindingNames }): void {
  const w = window as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  w.__befriendEmit = (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  const invoke = w.__befriendInvoke as (channel: string, payload: unknown) => Promise<unknown>;
  // The factory is the contract's own function, serialized: the page gets exactly what the preload builds.
  const create = new Function(`return (${factory})`)() as (
    n: BindingNames,
    i: (channel: string, payload: unknown) => Promise<unknown>,
    s: (event: string, listener: (payload: unknown) => void) => () => void,
  ) => unknown;
  const api = create(
    names,
    (channel, payload) => invoke(channel, payload),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
  Object.defineProperty(window, 'befriend', { value: api, enumerable: true });
}

export interface World {
  origin: string;
  main: HeadlessMain;
  /** The sandbox main started (after "Try the sandbox" or `sandboxReady`). */
  sandbox(): Sandbox;
  /** Starts the sandbox through main's own channel, as the first-run button does. */
  sandboxReady(): Promise<Sandbox>;
  /** Opens a window of the app: `index.html` (main) or `quick.html`. */
  open(page: Page, which?: 'main' | 'quick'): Promise<void>;
  dataDir: string;
}

export const SANDBOX_OPTIONS: SandboxOptions = { rateLimit: null };

export async function createWorld(
  options: { client?: BefriendClient; sandbox?: SandboxOptions } = {},
): Promise<World & { close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'befriend-e2e-'));
  const renderer = await serveRenderer();
  let sandbox: Sandbox | null = null;
  const pages = new Set<Page>();
  const main = createHeadlessMain({
    dataDir,
    client: options.client,
    takenShortcuts: ['CommandOrControl+Shift+I'],
    startSandbox: async () => {
      sandbox = await startSandbox(options.sandbox ?? SANDBOX_OPTIONS);
      return sandbox;
    },
    onEvent: (name, payload) => {
      for (const page of pages) {
        void page.evaluate(([n, p]) => (window as unknown as { __befriendEmit(n: string, p: unknown): void }).__befriendEmit(n, p), [name, payload] as const).catch(() => undefined);
      }
    },
  });
  const started = (): Sandbox => {
    if (sandbox === null) throw new Error('the sandbox has not been started');
    return sandbox;
  };
  const factory = createBefriendApi.toString();
  const names: BindingNames = { channels: CHANNEL_NAMES, events: EVENT_NAMES };

  return {
    origin: renderer.origin,
    main,
    dataDir,
    sandbox: started,
    async sandboxReady() {
      const result = await main.handlers.startSandbox({});
      if (!result.ok) throw new Error(`startSandbox failed: ${result.error.message}`);
      return started();
    },
    async open(page, which = 'main') {
      const context: CallContext = { window: which };
      await page.exposeBinding('__befriendInvoke', async (_source, channel: unknown, payload: unknown) => {
        if (!isChannelName(channel)) throw new Error(`no such channel: ${String(channel)}`);
        return main.handlers[channel](payload, context);
      });
      // Functions cross into the page as source; esbuild-based loaders (tsx) wrap named ones in
      // a `__name` helper the page would not have.
      await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
      await page.addInitScript(installApi, { factory, names });
      pages.add(page);
      page.on('close', () => pages.delete(page));
      await page.goto(`${renderer.origin}/${which === 'main' ? 'index.html' : 'quick.html'}`);
    },
    async close() {
      // Pages first: a live page keeps calling main through its bindings (and could start a
      // sandbox again) while main is shutting down.
      await Promise.all([...pages].map((page) => page.close().catch(() => undefined)));
      await main.close();
      await renderer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

