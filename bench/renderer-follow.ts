/**
 * Follow keypress → rendered card, in the end-to-end tests' Chromium, against the real handlers and sandbox
 * (the end-to-end world), minus the sandbox's own time; beside a bare page that sends the same
 * follow through the same API and writes the name. Median over 200 follows each, interleaved.
 *
 * "The sandbox's own time" is the HTTP exchange as the core's fetch sees it (request sent →
 * body read) on loopback; what remains is everything Befriend adds: the renderer, the API
 * transport (here Playwright's binding), main's handler and the core.
 */
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { build } from 'electron-vite';
import { createClient } from '../core/client.js';
import { findLocalChromium } from '../test/e2e/chromium.js';
import { createWorld } from '../test/e2e/world.js';
import { median, ms, ratio } from './stats.js';

const FOLLOWS = 200;
const WARMUP = 10;
/** What the app may add over the bare page (issue 12's "keep" figure). */
const TARGET_OVER_BARE_MS = 5;
const TARGET = '@dougw';

const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title>
<input id="q" aria-label="name" value="${TARGET}">
<script>
document.getElementById('q').addEventListener('keydown', async (event) => {
  if (event.key !== 'Enter') return;
  const result = await window.befriend.follow({ target: event.target.value });
  const line = document.createElement('p');
  line.className = 'bare-done';
  line.textContent = result.ok ? result.user.name : result.error.message;
  document.body.append(line);
});
</script>`;

/** Records, in the page, when Enter went down and the first frame after `selector` appeared. */
function armProbe(selector: string): void {
  const w = window as unknown as { __probe: { keyAt: number | null; paintAt: number | null } };
  w.__probe = { keyAt: null, paintAt: null };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') w.__probe.keyAt = event.timeStamp;
  };
  window.addEventListener('keydown', onKey, { capture: true, once: true });
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches(selector) || node.querySelector(selector))) {
          observer.disconnect();
          requestAnimationFrame(() => {
            w.__probe.paintAt = performance.now();
          });
          return;
        }
      }
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

async function main(): Promise<void> {
  if (process.env.BEFRIEND_E2E_PREBUILT !== '1') await build({ logLevel: 'warn' });
  let exchange = 0;
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    exchange = performance.now() - started;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const found = findLocalChromium();
  if (!found.ok) throw new Error(found.message);
  const world = await createWorld({ client: createClient({ fetch: timedFetch }) });
  const browser = await chromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await world.sandboxReady();
    const app = await browser.newPage();
    await world.open(app);
    const input = app.getByRole('combobox', { name: 'Who do you want to follow?' });
    await input.fill(TARGET);
    await input.press('Escape');

    const bare = await browser.newPage();
    await bare.route('**/bare.html', (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE }));
    await world.open(bare);
    await bare.goto(`${world.origin}/bare.html`);
    await bare.locator('#q').focus();

    const once = async (page: Page, selector: string): Promise<{ total: number; server: number }> => {
      await page.evaluate(armProbe, selector);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __probe: { paintAt: number | null } }).__probe.paintAt !== null);
      const probe = await page.evaluate(() => (window as unknown as { __probe: { keyAt: number; paintAt: number } }).__probe);
      const server = exchange;
      const undone = await world.main.handlers.unfollow({ target: TARGET });
      if (!undone.ok) throw new Error(`unfollow failed: ${undone.error.message}`);
      return { total: probe.paintAt - probe.keyAt, server };
    };

    const samples = { app: [] as number[], appServer: [] as number[], bare: [] as number[], bareServer: [] as number[] };
    for (let i = 0; i < WARMUP + FOLLOWS; i++) {
      const a = await once(app, '.outcome[data-outcome="followed"]');
      const b = await once(bare, '.bare-done');
      if (i < WARMUP) continue;
      samples.app.push(a.total - a.server);
      samples.appServer.push(a.server);
      samples.bare.push(b.total - b.server);
      samples.bareServer.push(b.server);
    }
    const sandbox = world.sandbox();
    const creates = sandbox.requests.filter((r) => r.path.includes('friendships/create') && r.status === 200).length;
    if (creates !== 2 * (WARMUP + FOLLOWS)) throw new Error(`expected ${2 * (WARMUP + FOLLOWS)} follows, the sandbox saw ${creates}`);

    const appNet = median(samples.app);
    const bareNet = median(samples.bare);
    console.log(`follows: ${FOLLOWS} per page (after ${WARMUP} warm-up), Chromium ${browser.version()}`);
    console.log(`sandbox's own time (median):  app ${ms(median(samples.appServer))}, bare ${ms(median(samples.bareServer))}`);
    const added = appNet - bareNet;
    const within = added <= TARGET_OVER_BARE_MS;
    console.log(`keypress → card, minus sandbox: ${ms(appNet)}`);
    console.log(`bare page, minus sandbox:       ${ms(bareNet)}`);
    console.log(
      `app / bare: ${ratio(appNet, bareNet)}; the app adds ${ms(added)} over the bare page ` +
        `(target ≤ ${TARGET_OVER_BARE_MS} ms: ${within ? 'within' : 'OVER'})`,
    );
    process.exitCode = within ? 0 : 1;
  } finally {
    await browser.close();
    await world.close();
  }
}

await main();
