import type { Page } from '@playwright/test';
import { HARD_CASE_SCREEN_NAMES } from '../../core/sandbox/server.js';
import { expect, shoot, startFromWelcome, test } from './harness.js';
import { holdRequests, type HeldRequests } from '../fixtures/held-requests.js';
import { createWorld, type World } from './world.js';

async function openBulkTab(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Bulk' }).click();
  await expect(page.getByRole('heading', { name: 'Bulk follow' })).toBeVisible();
}

test('paste 30 lines, preview, follow: each account followed exactly once by the sandbox’s own counts', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const sandbox = world.sandbox();
  const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
  const names = users
    .map((u) => u.screenName)
    .filter((name) => name !== sandbox.demo.screenName && !HARD_CASE_SCREEN_NAMES.includes(name))
    .slice(0, 28);
  const lines = names.map((name) => `@${name}`);
  lines.splice(5, 0, 'this is not a name!');
  lines.splice(12, 0, `${sandbox.origin}/${names[2]!.toUpperCase()}`);
  expect(lines).toHaveLength(30);

  await openBulkTab(page);
  await shoot(page, 'bulk-empty');
  await page.getByRole('textbox', { name: 'Accounts to follow' }).fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('To follow28');
  await expect(preview.getByRole('list', { name: 'Bad lines' })).toContainText('Line 6 this is not a name!');
  await expect(preview.getByRole('list', { name: 'Duplicate lines' })).toContainText('repeats line 3');
  await expect(page.getByTestId('live-region')).toHaveText('28 to follow, 1 bad line, 1 duplicate.');
  await page.getByRole('combobox', { name: 'Pace' }).selectOption({ label: '60 a minute' });
  await shoot(page, 'bulk-preview');

  await page.getByRole('button', { name: 'Follow 28 accounts' }).click();
  const job = page.getByRole('region', { name: 'Bulk follow progress' });
  await expect(job).toBeVisible();
  await expect(job.getByRole('progressbar', { name: 'Accounts handled' })).not.toHaveAttribute('aria-valuenow', '0');
  await expect(job).toContainText('left');
  await shoot(page, 'bulk-running');

  await job.getByRole('combobox', { name: 'Pace' }).selectOption({ label: 'As fast as the server allows' });
  await expect(job.getByText('Finished.')).toBeVisible({ timeout: 60_000 });
  await expect(job.getByRole('progressbar', { name: 'Accounts handled' })).toHaveAttribute('aria-valuenow', '28');
  await expect(page.getByTestId('live-region')).toHaveText(/Bulk follow finished: 28 followed/);

  const counts = sandbox.stats().followRequests;
  expect(names.map((name) => counts[name] ?? 0)).toEqual(names.map(() => 1));
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(28);
  expect(names.every((name) => sandbox.isFollowing(sandbox.demo.screenName, name).following)).toBe(true);
  expect(world.main.desktop.bulkNotifications.map((n) => n.title)).toEqual(['Bulk follow finished']);

  const list = page.getByRole('list', { name: 'Accounts in this bulk follow' });
  await expect(list.getByRole('listitem')).toHaveCount(28);
  await page.getByRole('searchbox', { name: 'Find in the list' }).fill(names[3]!);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Find in the list' }).fill('');
  await expect(list.getByRole('listitem')).toHaveCount(28);
  await shoot(page, 'bulk-done');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('main').getByText(/Saved 28 rows to/)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: 'Recent follows' }).getByRole('listitem')).toHaveCount(28);
});

test('a paused list shows its state and resumes; failures are listed with their reason', async ({ page }) => {
  // The first follow stays under way until the test has paused the list: no race with the pace.
  const follows = holdRequests();
  const world = await createWorld({ client: follows.client });
  try {
    await pausedListResumes(page, world, follows);
  } finally {
    await world.close();
  }
});

async function pausedListResumes(page: Page, world: World, follows: HeldRequests): Promise<void> {
  await world.sandboxReady();
  const sandbox = world.sandbox();
  const started = await world.main.handlers.bulkStart({ text: '@dougw\n@lockedbox\n@tenten\n@nobody_at_all', pacePerMinute: 6 });
  expect(started.ok).toBe(true);
  await expect.poll(() => follows.waiting()).toBe(1);
  await world.main.handlers.bulkPause({});
  follows.stopHolding();
  await expect
    .poll(async () => {
      const done = await world.main.handlers.bulkItems({ states: ['done'] });
      return done.ok ? done.items.map((item) => item.input) : [];
    })
    .toEqual(['@dougw']);
  expect(sandbox.stats().followRequests).toEqual({ dougw: 1 });
  await world.open(page);
  await openBulkTab(page);
  const job = page.getByRole('region', { name: 'Bulk follow progress' });
  await expect(job.getByText('Paused: nothing more is sent until you resume.')).toBeVisible();
  await shoot(page, 'bulk-paused');

  await job.getByRole('combobox', { name: 'Pace' }).selectOption({ label: 'As fast as the server allows' });
  await job.getByRole('button', { name: 'Resume' }).click();
  await expect(job.getByText('Finished.')).toBeVisible();
  await expect(job).toContainText('Failed1');
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Failed' });
  await expect(page.getByRole('list', { name: 'Accounts in this bulk follow' })).toContainText('Account not found');
  await shoot(page, 'bulk-failed');
  expect(sandbox.stats().followRequests).toMatchObject({ dougw: 1, lockedbox: 1, tenten: 1 });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All' });
  await expect(page.getByRole('list', { name: 'Accounts in this bulk follow' }).getByRole('listitem')).toHaveCount(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shoot(page, 'bulk-narrow-360');
}
