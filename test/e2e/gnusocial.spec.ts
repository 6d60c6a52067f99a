import { HARD_CASES, startSandbox } from '../../core/sandbox/server.js';
import { expect, followFromInput, shoot, test } from './harness.js';

test('GNU social: a wrong site address is named at Verify, and a private stream is a request, not a follow', async ({ page, world }) => {
  const server = await startSandbox({ personality: 'gnusocial', rateLimit: null });
  try {
    await world.open(page);
    await page.getByRole('button', { name: /Add an account/ }).click();
    await page.getByLabel('Server').selectOption('gnusocial');
    // Without fancy URLs the site is {origin}/index.php; the bare origin leads to web pages.
    await page.getByLabel('Site address').fill(server.origin);
    await page.getByRole('textbox', { name: 'Username' }).fill(server.demo.username);
    await page.getByLabel('Password', { exact: true }).fill(server.demo.password);
    await page.getByRole('button', { name: 'Verify and add' }).click();
    const form = page.getByRole('form', { name: 'Add an account' });
    await expect(form).toContainText(
      `The server answered with a web page, not the API: check the API address, e.g. ${server.origin}/index.php/api.`,
    );
    await shoot(page, 'add-account-web-page');
    expect(await world.main.handlers.listAccounts({})).toMatchObject({ ok: true, accounts: [] });

    await page.getByLabel('Site address').fill(`${server.origin}/index.php`);
    await page.getByRole('button', { name: 'Verify and add' }).click();
    await expect(page.getByRole('combobox', { name: 'Who do you want to follow?' })).toBeVisible();

    await followFromInput(page, `@${HARD_CASES.protected}`);
    await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'request_pending');
    await expect(page.getByText(/Now following/)).toHaveCount(0);
    expect(server.isFollowing(server.demo.screenName, HARD_CASES.protected)).toMatchObject({ following: false, pending: true });
    await shoot(page, 'gnusocial-request-pending');
  } finally {
    await server.close();
  }
});
