/**
 * Follow keypress → rendered card, in the end-to-end tests' Chromium, against the real handlers and sandbox
 * (the end-to-end world), minus the sandbox's own time; beside a bare page that sends the same
 * follow through the same API and writes the name. Median over 200 follows each, interleaved.
 * Each page follows two people in turn, as a person following one after another does: the app's
 * card changes from the last person to the next, the bare page's line from one name to the other.
 *
 * "The sandbox's own time" is the HTTP exchange as the core's fetch sees it (request sent →
 * body read) on loopback; what remains is everything Befriend adds: the renderer, the API
 * transport (here Playwright's binding), main's handler and the core.
 */
import { performance } from 'node:perf_hooks';
import { chromium, type Locator, type Page } from '@playwright/test';
import { build } from 'electron-vite';
import { createClient } from '../core/client.js';
import { findLocalChromium } from '../test/e2e/chromium.js';
import { createWorld } from '../test/e2e/world.js';
import { median, ms, ratio } from './stats.js';

const FOLLOWS = 200;
const WARMUP = 10;
/** What the app may add over the bare page (issue 12's "keep" figure). */
const TARGET_OVER_BARE_MS = 5;
const TARGETS = ['@dougw', '@dougwfan'] as const;

/** A 1×1 PNG. */
const AVATAR_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title>
<input id="q" aria-label="name">
<p id="out"></p>
<script>
document.getElementById('q').addEventListener('keydown', async (event) => {
  if (event.key !== 'Enter') return;
  const result = await window.befriend.follow({ target: event.target.value });
  document.getElementById('out').textContent = result.ok ? '@' + result.user.screenName : result.error.message;
});
</script>`;

/** Records, in the page, when Enter went down and the first frame after `selector` read `text`. */
function armProbe({ selector, text }: { selector: string; text: string }): void {
  const w = window as unknown as { __probe: { keyAt: number | null; paintAt: number | null } };
  w.__probe = { keyAt: null, paintAt: null };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') w.__probe.keyAt = event.timeStamp;
  };
  window.addEventListener('keydown', onKey, { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (w.__probe.keyAt === null || document.querySelector(selector)?.textContent?.trim() !== text) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      w.__probe.paintAt = performance.now();
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
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
    // Profile pictures load from the sandbox's recorded addresses (twimg.com): answered here, so
    // the figure does not hang on this machine's network (offline, a failed lookup; online, a download).
    await app.route(/^https?:\/\/[^/]*twimg\.com\//, (route) => route.fulfill({ contentType: 'image/png', body: AVATAR_PNG }));
    await world.open(app);
    const appInput = app.getByRole('combobox', { name: 'Who do you want to follow?' });

    const bare = await browser.newPage();
    await bare.route('**/bare.html', (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE }));
    await world.open(bare);
    await bare.goto(`${world.origin}/bare.html`);
    const bareInput = bare.locator('#q');

    const once = async (page: Page, input: Locator, selector: string, target: string): Promise<{ total: number; server: number }> => {
      await input.fill(target);
      // Closes the app's suggestions before they open: the follow is measured alone.
      await input.press('Escape');
      await page.evaluate(armProbe, { selector, text: target });
      await input.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __probe: { paintAt: number | null } }).__probe.paintAt !== null);
      const probe = await page.evaluate(() => (window as unknown as { __probe: { keyAt: number; paintAt: number } }).__probe);
      const server = exchange;
      const undone = await world.main.handlers.unfollow({ target });
      if (!undone.ok) throw new Error(`unfollow failed: ${undone.error.message}`);
      return { total: probe.paintAt - probe.keyAt, server };
    };

    const samples = { app: [] as number[], appServer: [] as number[], bare: [] as number[], bareServer: [] as number[] };
    for (let i = 0; i < WARMUP + FOLLOWS; i++) {
      const target = TARGETS[i % TARGETS.length]!;
      const a = await once(app, appInput, '.profile-card:has(.outcome[data-outcome="followed"]) .profile-handle', target);
      const b = await once(bare, bareInput, '#out', target);
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
