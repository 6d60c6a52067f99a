import { expect, followButton, followFromInput, shoot, startFromWelcome, test } from './harness.js';
import { holdRequests } from '../fixtures/held-requests.js';
import { createWorld } from './world.js';

const input = (page: import('@playwright/test').Page) =>
  page.getByRole('combobox', { name: 'Who do you want to follow?' });

test('first run offers the sandbox, which signs in and makes the app usable', async ({ page, world }) => {
  await world.open(page);
  await expect(page.getByRole('heading', { name: 'Welcome to Befriend' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Try the sandbox/ })).toBeFocused();
  await shoot(page, 'welcome');

  await startFromWelcome(page);
  await expect(page.getByRole('combobox', { name: 'Following as' })).toHaveValue(/.+/);
  await expect(input(page)).toBeFocused();
  await shoot(page, 'follow-empty');
  const accounts = await world.main.handlers.listAccounts({});
  expect(accounts.ok && accounts.accounts.map((a) => a.sandbox)).toEqual([true]);
});

test('follow by @name shows the card with the latest status and records the follow', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@dougw');

  const card = page.getByRole('article', { name: 'Doug Williams' });
  await expect(card).toBeVisible();
  await expect(card.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
  await expect(card.locator('.outcome')).toContainText('Following');
  await expect(card.getByText('@dougw', { exact: true })).toBeVisible();
  await expect(card.getByText('San Francisco, CA')).toBeVisible();
  await expect(card.getByText('1,036')).toBeVisible();
  await expect(card.getByText('3,390')).toBeVisible();
  await expect(card.getByText('March 2007')).toBeVisible();
  await expect(card.getByText(/At least I can get your humor/)).toBeVisible();
  await expect(card.getByRole('link', { name: 'TweetDeck' })).toHaveAttribute('href', 'http://www.tweetdeck.com/');
  await expect(card.getByRole('button', { name: '@abdur' })).toBeVisible();
  const time = card.locator('time');
  await expect(time).toHaveAttribute('datetime', '2009-04-07T22:52:51.000Z');
  await expect(time).toHaveAttribute('title', /2009/);
  await expect(page.getByTestId('live-region')).toHaveText('Now following @dougw.');

  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw')).toEqual({ following: true, notifications: false, pending: false });
  const create = sandbox.requests.filter((r) => r.path.includes('friendships/create'));
  expect(create).toHaveLength(1);
  expect(create[0]!.query.follow).toBeUndefined();
  expect(create[0]!.query.screen_name).toBe('dougw');
  await shoot(page, 'card-followed');

  // Links leave only through main, and only http(s).
  await card.getByRole('link', { name: 'TweetDeck' }).click();
  expect(world.main.desktop.opened).toEqual(['http://www.tweetdeck.com/']);
  expect(page.url()).toMatch(/index\.html$/);
});

test('Undo after a fresh follow unfollows on the server', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@dougw');
  const card = page.getByRole('article', { name: 'Doug Williams' });
  await card.getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByText(/Unfollowed/)).toBeVisible();
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw').following).toBe(false);
  await expect(page.getByTestId('live-region')).toHaveText('Unfollowed @dougw.');
});

test('the SMS toggle reaches the server as follow=true', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const toggle = page.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await followFromInput(page, '@emojifan');
  await expect(page.getByRole('article')).toContainText('Following');
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'emojifan')).toEqual({ following: true, notifications: true, pending: false });
  const create = sandbox.requests.find((r) => r.path.includes('friendships/create'));
  expect(create?.query.follow ?? create?.form.follow).toBe('true');
});

test('follow by user id, and the ambiguous 101010 asks which one is meant', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);

  await followFromInput(page, '101010');
  const choice = page.getByRole('group', { name: /Is 101010 a/ });
  await expect(choice).toBeVisible();
  await expect(page.getByRole('radio', { name: /Screen name/ })).toBeFocused();
  await shoot(page, 'follow-ambiguous');

  await page.getByRole('radio', { name: 'User id' }).check();
  await followButton(page).click();
  await expect(page.getByRole('article', { name: 'Ten Ten' })).toBeVisible();

  await input(page).fill('101010');
  await input(page).press('Escape');
  await page.getByRole('radio', { name: /Screen name/ }).check();
  await followButton(page).click();
  await expect(page.getByRole('article', { name: 'Binary Fan' })).toBeVisible();

  const sandbox = world.sandbox();
  const creates = sandbox.requests.filter((r) => r.path.includes('friendships/create'));
  expect(creates.map((r) => r.query)).toEqual([{ user_id: '101010' }, { screen_name: '101010' }]);
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'tenten').following).toBe(true);
  expect(sandbox.isFollowing(sandbox.demo.screenName, '101010').following).toBe(true);
});

test('a profile URL on the account’s server follows the name in it', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  const sandbox = world.sandbox();
  await followFromInput(page, `${sandbox.origin}/bigid`);
  await expect(page.getByRole('article', { name: 'Big Id' })).toBeVisible();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'bigid').following).toBe(true);
});

test('already following is a neutral state, not an error', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@dougw');
  await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
  await followFromInput(page, '@dougw');
  const card = page.getByRole('article', { name: 'Doug Williams' });
  await expect(card.getByText('Already following')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expect(page.getByTestId('live-region')).toHaveText('You already follow @dougw.');
  await shoot(page, 'card-already-following');
});

test('a protected account gets a follow request', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@lockedbox');
  const card = page.getByRole('article', { name: 'Locked Box' });
  await expect(card.getByText('Follow request sent')).toBeVisible();
  await expect(card.getByText('Protected', { exact: true })).toBeVisible();
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'lockedbox')).toEqual({ following: false, notifications: false, pending: true });
  await shoot(page, 'card-request-sent');
});

test('while a follow runs: a spinner and Cancel, which cancels it in main', async ({ page }) => {
  const follows = holdRequests();
  const world = await createWorld({ client: follows.client });
  try {
    await world.open(page);
    await startFromWelcome(page);
    await followFromInput(page, '@dougw');
    await expect(page.getByRole('button', { name: 'Following…' })).toBeDisabled();
    await expect(page.locator('.card.running')).toContainText('Following @dougw…');
    await expect.poll(() => follows.waiting()).toBe(1);
    await shoot(page, 'follow-running');
    await page.getByRole('search').getByRole('button', { name: 'Cancel' }).click();
    await expect(followButton(page)).toBeEnabled();
    await expect(page.getByTestId('live-region')).toHaveText(/^Follow cancelled\. If the server had already received it/);
    // The server got to its answer, but main stopped waiting for it: no follow is recorded, and
    // no card pops up.
    await expect.poll(() => follows.aborted()).toBe(1);
    const sandbox = world.sandbox();
    expect(sandbox.requests.filter((r) => r.path.includes('friendships/create')).map((r) => r.status)).toEqual([200]);
    const history = await world.main.handlers.listHistory({});
    expect(history.ok && history.entries.filter((entry) => entry.action === 'follow')).toEqual([]);
    await expect(page.getByTestId('live-region')).toHaveText(/^Follow cancelled/);
    await expect(page.getByRole('article')).toHaveCount(0);
  } finally {
    await world.close();
  }
});

test('an @mention opens that profile with Follow ready; a deep link does the same and never follows by itself', async ({ page, world }) => {
  await world.open(page);
  await startFromWelcome(page);
  await followFromInput(page, '@retweeter');
  await page.getByRole('article').getByRole('button', { name: '@dougw' }).click();
  const card = page.getByRole('article', { name: 'Doug Williams' });
  await expect(card.locator('.outcome')).toHaveAttribute('data-outcome', 'preview');
  await expect(card.locator('.outcome')).toContainText('Not followed yet');
  await shoot(page, 'card-preview');
  const sandbox = world.sandbox();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw').following).toBe(false);
  await card.getByRole('button', { name: 'Follow @dougw' }).click();
  await expect(page.locator('.outcome')).toHaveAttribute('data-outcome', 'followed');
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw').following).toBe(true);

  world.main.services.desktop.showProfile({ target: 'emojifan', accountId: null, intent: 'follow', source: 'deep-link' });
  const parrot = page.getByRole('article', { name: /Parrot Party/ });
  await expect(parrot.getByRole('button', { name: 'Follow @emojifan' })).toBeVisible();
  expect(sandbox.isFollowing(sandbox.demo.screenName, 'emojifan').following).toBe(false);
});
