import type { Page } from '@playwright/test';
import { startSandbox } from '../../core/sandbox/server.js';
import { expect, followFromInput, shoot, startFromWelcome, test } from './harness.js';

const notice = (page: Page) => page.locator('.notice.danger');
const input = (page: Page) => page.getByRole('combobox', { name: 'Who do you want to follow?' });

test('not found: its own sentence, the server words as text, and a way back to the name', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@nobody_here_at_all');
  await expect(notice(page)).toHaveAttribute('data-kind', 'not_found');
  await expect(notice(page)).toContainText('Account not found');
  await expect(notice(page)).toContainText('check the name or id');
  await expect(notice(page)).toContainText('HTTP 404');
  await shoot(page, 'error-not-found');
  await page.getByRole('button', { name: 'Edit the name' }).click();
  await expect(input(page)).toBeFocused();
  await expect(notice(page)).toHaveCount(0);
});

test('a wrong password when adding an account says to sign in again; the right one adds it', async ({ page, world }) => {
  const server = await startSandbox({ rateLimit: null });
  try {
    await world.open(page);
    await page.getByRole('button', { name: /Add an account/ }).click();
    await page.getByLabel('Server').selectOption('custom');
    await page.getByLabel('API base URL').fill(server.apiBase);
    await page.getByLabel('Username', { exact: true }).fill(server.demo.username);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await shoot(page, 'add-account');
      await page.getByRole('button', { name: 'Verify and add' }).click();
    const error = page.locator('.add-account .notice');
    await expect(error).toHaveAttribute('data-kind', 'unauthorized');
    await expect(error).toContainText('sign in again');
    await expect(error).toContainText('Could not authenticate you.');
    await shoot(page, 'error-wrong-password');

    await page.getByLabel('Password', { exact: true }).fill(server.demo.password);
    await page.getByRole('button', { name: 'Verify and add' }).click();
    await expect(input(page)).toBeVisible();
    await followFromInput(page, '@dougw');
    await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
    expect(server.isFollowing(server.demo.screenName, 'dougw').following).toBe(true);
  } finally {
    await server.close();
  }
});

test('a password that stopped working: the follow asks to sign in again and leads to settings', async ({ page, world }) => {
  const sandbox = await world.sandboxReady();
  const added = await world.main.handlers.addAccount({
    label: 'Elsewhere',
    profile: 'custom',
    apiBase: sandbox.apiBase,
    credentials: { mode: 'basic', username: sandbox.demo.username, password: sandbox.demo.password },
  });
  if (!added.ok) throw new Error(added.error.message);
  await world.main.services.accounts.update(added.account.id, {
    credentials: { mode: 'basic', username: sandbox.demo.username, password: 'changed-elsewhere' },
  });
  await world.open(page);
  await expect(page.getByRole('combobox', { name: 'Following as' })).toHaveValue(added.account.id);
  await followFromInput(page, '@dougw');
  await expect(notice(page)).toHaveAttribute('data-kind', 'unauthorized');
  await expect(notice(page)).toContainText('Sign-in needed');
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(world.sandbox().isFollowing(world.sandbox().demo.screenName, 'dougw').following).toBe(false);
});

test('rate limited: says when to try again, from the reset header', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const sandbox = world.sandbox();
  sandbox.setRateLimit({ limit: 1, windowSeconds: 3600, exceededStatus: 429 });
  await followFromInput(page, '@dougw');
  await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
  await followFromInput(page, '@emojifan');
  await expect(notice(page)).toHaveAttribute('data-kind', 'rate_limited');

  const probe = await world.main.handlers.lookup({ target: '@dougw' });
  expect(probe.ok).toBe(false);
  const resetAt = probe.rateLimit?.resetAt;
  expect(resetAt).toMatch(/^\d{4}-/);
  const clock = await page.evaluate(
    (iso) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(iso)),
    resetAt!,
  );
  await expect(notice(page)).toContainText(`Too many requests: try again after ${clock}.`);
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await shoot(page, 'error-rate-limited');
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'emojifan').following).toBe(false);
});

test('server down: cannot reach it, try again', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await world.sandbox().close();
  await followFromInput(page, '@dougw');
  await expect(notice(page)).toHaveAttribute('data-kind', 'network');
  await expect(notice(page)).toContainText('Could not reach the server');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await shoot(page, 'error-server-down');
});

test('server errors, refusals and bad bodies each get their own sentence', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const sandbox = world.sandbox();

  await followFromInput(page, '@spammer');
  await expect(notice(page)).toHaveAttribute('data-kind', 'forbidden');
  await expect(notice(page)).toContainText('Retrying will not help');
  await expect(notice(page)).toContainText('User has been suspended.');

  sandbox.setFaults({ errorRate: 1 });
  await followFromInput(page, '@dougw');
  await expect(notice(page)).toHaveAttribute('data-kind', 'server_error');
  await expect(notice(page)).toContainText('try again in a moment');
  await expect(notice(page)).not.toContainText('<html');

  sandbox.setFaults({ errorRate: 0, body: 'malformed' });
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(notice(page)).toHaveAttribute('data-kind', 'bad_response');

  sandbox.setFaults({ body: 'normal' });
  await page.getByRole('button', { name: 'Check account settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('following yourself is refused before anything is sent', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const before = world.sandbox().requests.length;
  await followFromInput(page, '@demo');
  await expect(notice(page)).toHaveAttribute('data-kind', 'invalid_request');
  expect(world.sandbox().requests.filter((r) => r.path.includes('friendships')).length).toBe(0);
  expect(world.sandbox().requests.length).toBe(before);
});
