// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_DELAY_MS } from '../../renderer/src/store/follow-slice.js';
import { ACCOUNT, DOUG } from './fake-api.js';
import { useRealClock, useFakeClock } from './fake-clock.js';
import { renderApp } from './render-app.js';

afterEach(() => {
  cleanup();
  useRealClock();
});

const input = () => screen.getByRole('combobox', { name: 'Who do you want to follow?' });
/** Follows @dougw from the keyboard, its answer held; time stands still unless told (no search fires while the name is typed). */
async function followHeld() {
  useFakeClock();
  const { server } = renderApp();
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  await waitFor(() => expect(input()).toHaveFocus());
  server.hold = true;
  await user.type(input(), '@dougw{Enter}');
  return { server, user };
}

const followButton = () => within(screen.getByRole('search')).getByRole('button', { name: 'Follow' });

describe('the follow form', () => {
  it('starts empty and focused, with Follow disabled until something is typed', async () => {
    renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    expect(followButton()).toBeDisabled();
    await userEvent.type(input(), '@dougw');
    expect(followButton()).toBeEnabled();
  });

  it('shows who follows and switches account', async () => {
    const second = { ...ACCOUNT, id: 'acct-2', label: 'Work', notifyByDefault: true };
    const { server } = renderApp({ accounts: [ACCOUNT, second] });
    const picker = await screen.findByRole('combobox', { name: 'Following as' });
    expect(picker).toHaveValue(ACCOUNT.id);
    await userEvent.selectOptions(picker, 'acct-2');
    await waitFor(() => expect(picker).toHaveValue('acct-2'));
    expect(server.activeId).toBe('acct-2');
    expect(screen.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' })).toBeChecked();
  });

  it('lists matches as options, moves with the arrow keys and follows the chosen row on Enter', async () => {
    // Typing on a fake clock sends one search, for the whole name: a slow machine's pauses between
    // keys would otherwise let an earlier search's list show, then be replaced under the arrow keys.
    useFakeClock();
    const { server } = renderApp();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await waitFor(() => expect(input()).toHaveFocus());
    await user.type(input(), 'dougw');
    const list = await screen.findByRole('listbox', { name: 'Matching accounts' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('@dougw · 1K followers'),
      expect.stringContaining('@dougwfan'),
    ]);
    expect(server.calls.filter((c) => c.channel === 'search').map((c) => c.request)).toMatchObject([{ query: 'dougw' }]);
    expect(input()).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(input()).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await user.keyboard('{Enter}');
    const card = await screen.findByRole('article', { name: 'Doug W. Fan Club' });
    expect(card).toHaveTextContent('Following');
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ target: '@dougwfan' });
  });

  it('Escape closes the list without following', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    await userEvent.type(input(), 'doug');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(server.calls.filter((c) => c.channel === 'follow')).toHaveLength(0);
  });

  it('Escape before the search has fired sends no search and opens no list later', async () => {
    useFakeClock();
    const { server } = renderApp();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await waitFor(() => expect(input()).toHaveFocus());
    await user.type(input(), 'doug{Escape}');
    act(() => vi.advanceTimersByTime(10_000));
    expect(server.calls.filter((c) => c.channel === 'search')).toEqual([]);
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('asks screen name or user id for digits, focusing the choice when Follow is pressed', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    await userEvent.type(input(), '101010');
    await userEvent.keyboard('{Escape}');
    const group = screen.getByRole('group', { name: /Is 101010 a/ });
    await userEvent.click(followButton());
    const byName = within(group).getByRole('radio', { name: /Screen name/ });
    await waitFor(() => expect(byName).toHaveFocus());
    expect(within(group).getByText('Choose one, then press Enter.')).toBeInTheDocument();
    await userEvent.click(within(group).getByRole('radio', { name: 'User id' }));
    await userEvent.click(followButton());
    expect(await screen.findByRole('article', { name: 'Ten Ten' })).toBeInTheDocument();
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ numericAs: 'user_id' });
  });

  it('sends the SMS toggle with the follow', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    await userEvent.click(screen.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' }));
    await userEvent.type(input(), '@dougw{Escape}{Enter}');
    await screen.findByRole('article', { name: 'Doug Williams' });
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ notify: true });
  });

  it('cancels with Esc as soon as the follow is sent, before its progress shows', async () => {
    const { server, user } = await followHeld();
    expect(followButton()).toBeEnabled();
    await user.keyboard('{Escape}');
    const followId = (server.calls.find((c) => c.channel === 'follow')?.request as { requestId: string }).requestId;
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: followId }]);
    expect(await screen.findByText(/^Follow cancelled\./)).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(10 * PROGRESS_DELAY_MS));
    expect(screen.queryByRole('button', { name: 'Following…' })).toBeNull();
    expect(followButton()).toBeEnabled();
  });

  it('cancels a look-up under way with Esc too', async () => {
    useFakeClock();
    const { server, store } = renderApp();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await waitFor(() => expect(input()).toHaveFocus());
    server.hold = true;
    act(() => {
      void store.getState().lookup('@dougw');
    });
    await user.keyboard('{Escape}');
    const lookupId = (server.calls.find((c) => c.channel === 'lookup')?.request as { requestId: string }).requestId;
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: lookupId }]);
    expect(await screen.findByTestId('live-region')).toHaveTextContent('Lookup cancelled.');
    act(() => vi.advanceTimersByTime(10 * PROGRESS_DELAY_MS));
    expect(screen.queryByText(/Looking up/)).toBeNull();
  });

  it('shows a spinner and Cancel while following; Cancel cancels the follow and returns to the form', async () => {
    const { server, user } = await followHeld();
    // A quick answer would replace the form's state at once: progress waits to be worth showing.
    act(() => vi.advanceTimersByTime(PROGRESS_DELAY_MS - 1));
    expect(followButton()).toBeEnabled();
    expect(screen.queryByText(/Following/, { selector: '.running span' })).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByRole('button', { name: 'Following…' })).toBeDisabled();
    expect(screen.getByText(/Following/, { selector: '.running span' })).toBeInTheDocument();
    expect(server.held).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(followButton()).toBeEnabled();
    expect(input()).toHaveFocus();
    // The cancelled follow has answered by now, and shows nothing.
    expect(server.held).toHaveLength(0);
    expect(screen.queryByRole('article')).toBeNull();
    const followId = (server.calls.find((c) => c.channel === 'follow')?.request as { requestId: string }).requestId;
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: followId }]);
    expect(server.calls.filter((c) => c.channel === 'search')).toEqual([]);
    expect(screen.getByTestId('live-region')).toHaveTextContent(/Follow cancelled\. If the server had already received it/);
  });

  it('already following: the card comes in the same answer as the refusal', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    server.following.add(DOUG.id);
    await userEvent.type(input(), '@dougw{Escape}{Enter}');
    const card = await screen.findByRole('article', { name: 'Doug Williams' });
    expect(card.querySelector('.outcome')).toHaveAttribute('data-outcome', 'already_following');
    expect(card).toHaveTextContent('Already following');
    expect(within(card).queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(server.calls.filter((c) => c.channel !== 'search').map((c) => c.channel)).toEqual(['follow']);
  });

  it('already following, and main could not look them up: a neutral line naming them as typed, no card', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    server.following.add(DOUG.id);
    server.cardLookupFails = true;
    await userEvent.type(input(), '@DougW{Escape}{Enter}');
    const outcome = await screen.findByText(/Already following/, { selector: '.outcome-text' });
    expect(outcome).toHaveTextContent('Already following @DougW');
    expect(outcome.closest('.outcome')).toHaveAttribute('data-outcome', 'already_following');
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.getByText(/already follow/i, { selector: '.card p' })).toBeInTheDocument();
    expect(server.calls.filter((c) => c.channel !== 'search').map((c) => c.channel)).toEqual(['follow']);
  });

  it('says what is wrong with the input and keeps it', async () => {
    renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    await userEvent.type(input(), 'a b{Escape}{Enter}');
    expect(await screen.findByText(/only letters, digits/, { selector: '.message' })).toBeInTheDocument();
    expect(input()).toHaveAttribute('aria-invalid', 'true');
    expect(input()).toHaveValue('a b');
  });

  it('Undo after a fresh follow, then the outcome says unfollowed', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    await userEvent.type(input(), '@dougw{Escape}{Enter}');
    const card = await screen.findByRole('article', { name: 'Doug Williams' });
    await userEvent.click(within(card).getByRole('button', { name: 'Undo' }));
    expect(await within(card).findByText(/Unfollowed/)).toBeInTheDocument();
    expect(server.following.size).toBe(0);
  });

  it('Ctrl+, opens settings and Ctrl+K comes back to a focused search', async () => {
    renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    await userEvent.keyboard('{Control>},{/Control}');
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
    await userEvent.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(input()).toHaveFocus());
  });

  it('announces outcomes in a polite live region', async () => {
    renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    const live = screen.getByTestId('live-region');
    expect(live).toHaveAttribute('aria-live', 'polite');
    await userEvent.type(input(), '@lockedbox{Escape}{Enter}');
    await waitFor(() => expect(live).toHaveTextContent('Follow request sent to @lockedbox; it waits for their approval.'));
  });
});

describe('first run', () => {
  it('offers the sandbox first and lands on the follow form', async () => {
    renderApp({ accounts: [] });
    const sandbox = await screen.findByRole('button', { name: /Try the sandbox/ });
    expect(sandbox).toHaveFocus();
    await userEvent.click(sandbox);
    await waitFor(() => expect(input()).toHaveFocus());
  });

  it('opens the add-account form with server choices', async () => {
    renderApp({ accounts: [] });
    await userEvent.click(await screen.findByRole('button', { name: /Add an account/ }));
    const server = screen.getByRole('combobox', { name: 'Server' });
    expect(within(server).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Twitter API v1',
      'Twitter API v1.1',
      'GNU social / StatusNet',
      'Other Twitter-compatible server',
    ]);
    await userEvent.selectOptions(server, 'twitter-v1.1');
    expect(screen.queryByRole('radio', { name: 'Username & password' })).toBeNull();
    expect(screen.getByLabelText('Consumer key')).toBeInTheDocument();
  });
});

describe('notices from main', () => {
  it('shows a notice above the screen until dismissed, and announces it', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    act(() => server.emit('notice', { level: 'warning', message: 'Ctrl+Alt+F is taken; keeping Ctrl+Alt+B.' }));
    const banner = await screen.findByText('Ctrl+Alt+F is taken; keeping Ctrl+Alt+B.', { selector: '.banner p' });
    expect(screen.getByTestId('live-region')).toHaveTextContent('Ctrl+Alt+F is taken');
    await userEvent.click(within(banner.closest('.banner') as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Ctrl+Alt+F is taken; keeping Ctrl+Alt+B.', { selector: '.banner p' })).toBeNull();
  });

  it('refetches accounts when main says they changed', async () => {
    const { server } = renderApp();
    const picker = await screen.findByRole('combobox', { name: 'Following as' });
    server.accounts = [...server.accounts, { ...ACCOUNT, id: 'acct-3', label: 'Added elsewhere' }];
    act(() => server.emit('changed', { topic: 'accounts' }));
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(2));
  });
});

describe('search failures', () => {
  it('says search is unavailable and that Enter still follows what was typed', async () => {
    const { server } = renderApp();
    await waitFor(() => expect(input()).toHaveFocus());
    server.failSearch = { ok: false, error: { kind: 'rate_limited', status: 429, code: 88, message: 'Slow down.' }, rateLimit: null };
    await userEvent.type(input(), 'doug');
    expect(await screen.findByText(/Search is unavailable \(rate limit reached\)/)).toBeInTheDocument();
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.querySelector('.notice')).toHaveAttribute('data-kind', 'not_found'));
    expect(server.calls.filter((c) => c.channel === 'follow').map((c) => c.request)).toMatchObject([{ target: 'doug' }]);
  });
});
