import { passwordFor, startSandbox } from '../../core/sandbox/server.js';
import { expect, shoot, test } from './harness.js';

test('move follows from the sandbox to another server: preview, run, export; each followed once there', async ({ page, world }) => {
  test.setTimeout(90_000);
  const home = await world.sandboxReady();
  // The other server's directory is smaller: the last people the demo follows do not exist there.
  const other = await startSandbox({ rateLimit: null, directorySize: 200 });
  try {
    const users = (await (await fetch(`${home.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    const present = users.slice(20, 44).map((u) => u.screenName);
    const missing = users.slice(-3).map((u) => u.screenName);
    home.seedFollows('demo', [...present, ...missing]);
    other.seedFollows('demo', present.slice(0, 2));
    const added = await world.main.handlers.addAccount({
      label: 'Elsewhere',
      profile: 'twitter-v1',
      apiBase: other.apiBase,
      credentials: { mode: 'basic', username: 'demo', password: passwordFor('demo') },
    });
    expect(added.ok).toBe(true);
    const accounts = await world.main.handlers.listAccounts({});
    if (!accounts.ok) throw new Error(accounts.error.message);
    const sandboxId = accounts.accounts.find((a) => a.sandbox)!.id;
    const elsewhereId = accounts.accounts.find((a) => a.label === 'Elsewhere')!.id;

    await world.open(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Bulk' }).click();
    await page.getByRole('button', { name: 'Move follows…' }).click();
    const form = page.getByRole('form', { name: 'Move follows' });
    await form.getByRole('combobox', { name: 'From account' }).selectOption(sandboxId);
    await form.getByRole('combobox', { name: 'To account' }).selectOption(elsewhereId);
    await shoot(page, 'move-follows-choose');

    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Move preview' });
    await expect(preview).toContainText('To follow22');
    await expect(preview).toContainText('Already followed2');
    await expect(preview).toContainText('Not found3');
    await expect(preview.getByLabel('Not found')).toHaveText(missing.map((n) => `@${n}`).join(', '));
    await expect(preview.getByRole('list', { name: 'Matched by name' }).getByRole('listitem')).toHaveCount(22);
    await shoot(page, 'move-follows-preview');

    await form.getByRole('button', { name: 'Follow 22 accounts' }).click();
    const job = page.getByRole('region', { name: 'Bulk follow progress' });
    await expect(job).toBeVisible();
    await expect(job.getByText('Finished.')).toBeVisible({ timeout: 30_000 });
    await expect(job.getByRole('progressbar', { name: 'Accounts handled' })).toHaveAttribute('aria-valuenow', '22');
    await shoot(page, 'move-follows-done');

    const counts = other.stats().followRequests;
    expect(present.slice(2).filter((name) => counts[name] !== 1)).toEqual([]);
    expect(Object.keys(counts).sort()).toEqual(present.slice(2).sort());
    expect(home.stats().followRequests).toEqual({});

    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect(page.getByRole('main').getByText(/Saved 22 rows to/)).toBeVisible();
  } finally {
    await other.close();
  }
});
