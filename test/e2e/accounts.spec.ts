import { startSandbox } from '../../core/sandbox/server.js';
import { expect, followFromInput, shoot, startFromWelcome, test } from './harness.js';

test('OAuth PIN sign-in: the authorize page opens in the browser, the PIN adds the account', async ({ page, world }) => {
  const server = await startSandbox({ rateLimit: null });
  try {
    await world.open(page);
    await page.getByRole('button', { name: /Add an account/ }).click();
    await page.getByLabel('Server').selectOption('custom');
    await page.getByLabel('API base URL').fill(server.apiBase);
    await page.getByRole('radio', { name: 'OAuth (PIN)' }).check();
    await page.getByLabel('OAuth address').fill(server.oauthBase);
    await page.getByLabel('Consumer key').fill(server.demo.consumerKey);
    await page.getByLabel('Consumer secret').fill(server.demo.consumerSecret);
    await page.getByRole('button', { name: 'Open sign-in page' }).click();

    const pin = page.getByLabel('PIN', { exact: true });
    await expect(pin).toBeFocused();
    await shoot(page, 'add-account-pin');
      const authorizeUrl = world.main.desktop.opened.at(-1)!;
    expect(authorizeUrl).toMatch(/\/oauth\/authorize\?oauth_token=/);
    const authorizePage = await (await fetch(authorizeUrl)).text();
    const code = /id="oauth_pin">([^<]+)</.exec(authorizePage)?.[1];
    expect(code).toBeTruthy();
    await pin.fill(code!);
    await page.getByRole('button', { name: 'Finish sign-in' }).click();

    await expect(page.getByRole('combobox', { name: 'Who do you want to follow?' })).toBeVisible();
    await followFromInput(page, '@dougw');
    await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
    const create = server.requests.find((r) => r.path.includes('friendships/create'));
    expect(create?.auth).toBe('oauth');
    expect(server.isFollowing(server.demo.screenName, 'dougw').following).toBe(true);
  } finally {
    await server.close();
  }
});

test('settings: accounts can be switched from the top bar, verified and removed', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const sandbox = world.sandbox();
  const added = await world.main.handlers.addAccount({
    label: 'Second',
    profile: 'custom',
    apiBase: sandbox.apiBase,
    credentials: { mode: 'basic', username: sandbox.demo.username, password: sandbox.demo.password },
  });
  if (!added.ok) throw new Error(added.error.message);
  await page.reload();
  const picker = page.getByRole('combobox', { name: 'Following as' });
  await expect(picker).toHaveValue(added.account.id);

  const sandboxId = (await world.main.services.accounts.state()).accounts.find((a) => a.sandbox)!.id;
  await picker.selectOption(sandboxId);
  await expect(page.getByTestId('live-region')).toHaveText('Following as Sandbox (demo).');
  const state = await world.main.handlers.listAccounts({});
  expect(state.ok && state.activeId).toBe(sandboxId);

  await page.keyboard.press('Control+Comma');
  const second = page.getByRole('listitem', { name: 'Second' });
  await second.getByRole('button', { name: 'Verify Second' }).click();
  await expect(second.getByText('Signed in as @demo.')).toBeVisible();
  await second.getByRole('combobox', { name: 'Format for Second' }).selectOption('xml');
  await expect(second.getByText('Saved.')).toBeVisible();
  await second.getByRole('button', { name: 'Use' }).click();
  await expect(picker).toHaveValue(added.account.id);
  await shoot(page, 'settings-two-accounts');

  await page.keyboard.press('Control+K');
  await followFromInput(page, '@emojifan');
  await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
  const create = sandbox.requests.filter((r) => r.path.includes('friendships/create')).at(-1);
  expect(create?.path).toMatch(/\.xml$/);

  await page.keyboard.press('Control+Comma');
  await page.getByRole('listitem', { name: 'Second' }).getByRole('button', { name: 'Remove Second' }).click();
  await expect(page.getByRole('listitem', { name: 'Second' })).toHaveCount(0);
  const after = await world.main.handlers.listAccounts({});
  expect(after.ok && after.accounts.map((a) => a.label)).toEqual(['Sandbox (demo)']);
});
