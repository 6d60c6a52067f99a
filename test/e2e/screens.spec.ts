import type { Page } from '@playwright/test';
import { expect, followButton, followFromInput, shoot, startFromWelcome, test } from './harness.js';
import { holdRequests } from '../fixtures/held-requests.js';
import { RESULT_MS } from '../../renderer/src/quick/QuickFollow.js';
import { createWorld } from './world.js';

const input = (page: Page) => page.getByRole('combobox', { name: 'Who do you want to follow?' });

test('search as you type lists matches; arrow keys pick one and Enter follows it', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await input(page).pressSequentially('dougw', { delay: 30 });
  const list = page.getByRole('listbox', { name: 'Matching accounts' });
  await expect(list).toBeVisible();
  const options = list.getByRole('option');
  await expect(options.first()).toContainText('Doug Williams');
  await expect(options.first()).toContainText('@dougw');
  await expect(options.first()).toContainText('1K followers');
  await shoot(page, 'search-suggestions');

  await input(page).press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(input(page)).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await input(page).press('Enter');
  await expect(page.getByRole('article', { name: 'Doug Williams' })).toBeVisible();
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw').following).toBe(true);

  // Typed fast: only the last query's answer may show; earlier ones are dropped.
  await input(page).fill('');
  await input(page).pressSequentially('emojifa', { delay: 10 });
  await expect(list.getByRole('option').first()).toContainText('@emojifan');
  await expect(list.getByRole('option', { name: /dougw/ })).toHaveCount(0);
  await expect(list.getByRole('option').first().getByText('Following')).toHaveCount(0);
});

test('a server without users/search still suggests the exact account (users/show)', async ({ page, world }) => {
  const sandbox = await world.sandboxReady();
  const added = await world.main.handlers.addAccount({
    label: 'No search',
    profile: 'custom',
    apiBase: sandbox.apiBase,
    hasUserSearch: false,
    credentials: { mode: 'basic', username: sandbox.demo.username, password: sandbox.demo.password },
  });
  if (!added.ok) throw new Error(added.error.message);
  await world.open(page);
  await input(page).pressSequentially('dougw', { delay: 30 });
  const options = page.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Doug Williams');
  expect(sandbox.requests.some((r) => r.path.includes('users/search'))).toBe(false);
  expect(sandbox.requests.some((r) => r.path.includes('users/show'))).toBe(true);
});

test('history lists follows with time, account and outcome; reopens a card; clears', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@dougw');
  await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
  await followFromInput(page, '@lockedbox');
  await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'request_pending');
  await followFromInput(page, '@nobody_at_all');
  await expect(page.locator('.notice')).toHaveAttribute('data-kind', 'not_found');

  await page.getByRole('navigation').getByRole('button', { name: 'History' }).click();
  const list = page.getByRole('list', { name: 'Recent follows' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').nth(0)).toContainText('Account not found');
  await expect(list.getByRole('listitem').nth(1)).toContainText('Request sent');
  await expect(list.getByRole('listitem').nth(2)).toContainText('Followed');
  await expect(list.getByRole('listitem').nth(2)).toContainText('Sandbox');
  await shoot(page, 'history');

  await list.getByRole('button', { name: /Doug Williams/ }).click();
  const card = page.getByRole('article', { name: 'Doug Williams' });
  await expect(card).toBeVisible();
  await expect(card.locator('.outcome')).toContainText('Followed');

  await page.getByRole('navigation').getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Clear history' }).click();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByText('No follows yet.')).toBeVisible();
  const stored = await world.main.handlers.listHistory({});
  expect(stored.ok && stored.entries).toEqual([]);
  await shoot(page, 'history-empty');
});

test('settings: theme, tray, shortcut recorder with a conflict, accounts', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Sandbox (demo)' })).toContainText('In use');
  await shoot(page, 'settings');

  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const settings = await world.main.handlers.getSettings({});
  expect(settings.ok && settings.settings.theme).toBe('dark');
  await page.getByRole('radio', { name: 'System' }).check();

  await page.getByRole('checkbox', { name: 'Show Befriend in the tray' }).uncheck();
  expect(world.main.services.tray.isActive()).toBe(false);

  const recorder = page.getByRole('button', { name: /Quick-follow shortcut/ });
  await recorder.click();
  await expect(recorder).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Control+Shift+KeyI');
  await expect(page.getByText(/Ctrl\+Shift\+I is taken/)).toBeVisible();
  await recorder.click();
  await page.keyboard.press('Control+Alt+KeyB');
  await expect(page.getByText('Quick follow now opens with Ctrl+Alt+B.')).toBeVisible();
  const after = await world.main.handlers.getSettings({});
  expect(after.ok && after.settings.shortcut).toBe('CommandOrControl+Alt+B');
  await shoot(page, 'settings-shortcut');

  await page.getByRole('button', { name: 'Verify Sandbox (demo)' }).click();
  await expect(page.getByText('Signed in as @demo.')).toBeVisible();
});

test('quick-follow window: Enter follows with the SMS toggle, shows a compact result, Esc closes', async ({ page, world }) => {
  await world.sandboxReady();
  // The result clears itself after a few seconds; the page's clock moves only when the test
  // says, so screenshots and axe may take as long as the machine needs.
  await page.clock.install();
  await page.setViewportSize({ width: 480, height: 150 });
  await world.open(page, 'quick');
  const quick = page.getByRole('textbox', { name: /Follow whom/ });
  await expect(quick).toBeFocused();
  await shoot(page, 'quick-empty');

  await page.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' }).check();
  await quick.focus();
  await quick.fill('@dougw');
  await quick.press('Enter');
  const result = page.locator('.quick-card');
  await expect(result).toContainText('Now following @dougw');
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw')).toEqual({ following: true, notifications: true, pending: false });
  expect(world.main.desktop.notifications.map((n) => n.screenName)).toEqual(['dougw']);
  await shoot(page, 'quick-result');

  await result.click();
  expect(world.main.desktop.shown.map((s) => s.target)).toEqual(['@dougw']);

  await quick.fill('@nobody_at_all');
  await quick.press('Enter');
  await expect(page.locator('.quick-error')).toContainText('Account not found');
  await shoot(page, 'quick-error');
  await page.clock.runFor(2 * RESULT_MS);
  await expect(page.locator('.quick-error')).toHaveCount(0);
  await expect(quick).toHaveValue('');

  await page.keyboard.press('Escape');
  await expect.poll(() => world.main.desktop.quickClosed).toBe(1);
});

test('quick-follow window: Cancel stops a follow under way in main; Esc still closes', async ({ page }) => {
  const follows = holdRequests();
  const world = await createWorld({ client: follows.client });
  try {
    await world.sandboxReady();
    await page.setViewportSize({ width: 480, height: 150 });
    await world.open(page, 'quick');
    const quick = page.getByRole('textbox', { name: /Follow whom/ });
    await quick.fill('@dougw');
    await quick.press('Enter');
    await expect(page.getByText('Following @dougw…')).toBeVisible();
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect(cancel).toBeVisible();
    await expect.poll(() => follows.waiting()).toBe(1);
    await shoot(page, 'quick-running');

    await cancel.click();
    await expect(page.getByText(/^Follow cancelled\. If the server had already received it/)).toBeVisible();
    await expect(cancel).toHaveCount(0);
    await expect(quick).toBeFocused();
    await expect.poll(() => follows.aborted()).toBe(1);
    await shoot(page, 'quick-cancelled');
    const history = await world.main.handlers.listHistory({});
    expect(history.ok && history.entries).toEqual([]);
    expect(world.main.desktop.notifications).toEqual([]);

    await page.keyboard.press('Escape');
    await expect.poll(() => world.main.desktop.quickClosed).toBe(1);
  } finally {
    await world.close();
  }
});

test('a keyboard-only run: focus search, pick, follow, undo, open history and settings', async ({ page, world }) => {
  await world.open(page);
  await expect(page.getByRole('button', { name: /Try the sandbox/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(input(page)).toBeFocused();
  await page.keyboard.type('@lockedbo');
  await expect(page.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option').first()).toContainText('@lockedbox');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Locked Box' })).toBeVisible();
  await expect(page.getByTestId('live-region')).toHaveText(/Follow request sent to @lockedbox/);

  await page.keyboard.press('Control+K');
  await expect(input(page)).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('101010');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  const screenName = page.getByRole('radio', { name: /Screen name/ });
  await expect(screenName).toBeFocused();
  await page.keyboard.press('Space');
  await expect(screenName).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Binary Fan' })).toBeVisible();

  // Tab to Undo and press it.
  const undo = page.getByRole('button', { name: 'Undo' });
  for (let i = 0; i < 10 && !(await undo.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Unfollowed/).first()).toBeVisible();
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, '101010').following).toBe(false);

  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Control+K');
  await expect(input(page)).toBeFocused();

  // Focus is always visible: the focused control draws an outline.
  const outline = await input(page).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('hostile HTML in description, status and source renders as text and runs nothing', async ({ page, world }) => {
  await world.open(page);
  await page.addInitScript(() => {
    (window as unknown as { alertCalls: unknown[] }).alertCalls = [];
    window.alert = (message?: unknown) => {
      (window as unknown as { alertCalls: unknown[] }).alertCalls.push(message);
    };
  });
  await page.reload();
  await startFromWelcome(page);

  await followFromInput(page, '@htmlhacker');
  const card = page.getByRole('article');
  await expect(card).toContainText('<script>alert(1)</script>');
  await expect(card).toContainText('<img src=x onerror=alert(1)>');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText('<b>Bold</b> "Quoted" & \'Apos\'');
  await expect(card.locator('script, img:not(.avatar img), b, i')).toHaveCount(0);
  await expect(card.getByRole('link', { name: /javascript/ })).toHaveCount(0);
  await shoot(page, 'card-hostile-html');

  await followFromInput(page, '@hostilesrc');
  const source = page.getByRole('article').locator('.status-meta');
  await expect(source).toContainText('via');
  await expect(source.locator('a[href^="javascript"], script, img')).toHaveCount(0);
  for (const link of await page.getByRole('article').getByRole('link').all()) {
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
  }

  // No injected element exists (checked above); a rendered frame later nothing has called alert.
  await page.evaluate(() => new Promise((frame) => requestAnimationFrame(frame)));
  expect(await page.evaluate(() => (window as unknown as { alertCalls: unknown[] }).alertCalls)).toEqual([]);
  const sinks = await page.evaluate(() => document.querySelectorAll('[onerror], [onclick], script:not([src])').length);
  expect(sinks).toBe(0);
});

test('usable at 360 px wide and at 200 % zoom', async ({ page, world }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@longwinded');
  await expect(page.getByRole('article', { name: 'Long Winded' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shoot(page, 'narrow-360');

  // 200 % zoom of an 820-px window is a 410-CSS-px viewport at device scale 2.
  await page.setViewportSize({ width: 410, height: 360 });
  await followFromInput(page, '@dougw');
  await expect(followButton(page)).toBeVisible();
  const zoomOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(zoomOverflow).toBeLessThanOrEqual(0);
  await shoot(page, 'zoom-200');
});
