// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuickFollow, RESULT_MS } from '../../renderer/src/quick/QuickFollow.js';
import { PROGRESS_DELAY_MS } from '../../renderer/src/store/follow-slice.js';
import { createQuickStore } from '../../renderer/src/store/quick-store.js';
import { ACCOUNT, createFakeServer, DOUG, type FakeServer } from './fake-api.js';
import { useFakeClock, useRealClock } from './fake-clock.js';

// The window clears a result after RESULT_MS: the tests move that clock themselves, and hold the
// fake server's answers (`server.hold`) to see a follow under way.
beforeEach(useFakeClock);
afterEach(() => {
  cleanup();
  useRealClock();
});

async function renderQuick(prepare: (server: FakeServer) => void = () => undefined) {
  const server = createFakeServer({ accounts: [{ ...ACCOUNT, notifyByDefault: true }] });
  prepare(server);
  render(<QuickFollow store={createQuickStore(server.api)} />);
  const input = screen.getByRole('textbox', { name: /Follow whom/ });
  // Ready once the account is shown: its SMS default and the settings have arrived.
  await screen.findByText('Sandbox (demo)');
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  return { server, input, user };
}

const follows = (server: FakeServer) => server.calls.filter((c) => c.channel === 'follow').map((c) => c.request);
const cancelButton = () => screen.queryByRole('button', { name: 'Cancel' });

describe('the quick-follow window', () => {
  it('follows on Enter with the SMS default of the account and shows a compact result that clears itself', async () => {
    const { server, input, user } = await renderQuick();
    expect(input).toHaveFocus();
    expect(screen.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' })).toBeChecked();
    expect(screen.getByTitle('The account that follows')).toHaveTextContent('as Sandbox (demo)');
    await user.type(input, '@dougw{Enter}');
    const result = await screen.findByRole('button', { name: /Now following @dougw/ });
    expect(result).toHaveAttribute('data-outcome', 'followed');
    expect(follows(server)).toMatchObject([{ target: '@dougw', notify: true, accountId: ACCOUNT.id }]);

    act(() => vi.advanceTimersByTime(RESULT_MS - 1));
    expect(result).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(result).not.toBeInTheDocument();
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
  });

  it('keeps a result up while the next follow is under way, and clears the next one in its own time', async () => {
    const { server, input, user } = await renderQuick();
    await user.type(input, '@dougw{Enter}');
    const first = await screen.findByRole('button', { name: /Now following @dougw/ });
    act(() => vi.advanceTimersByTime(RESULT_MS - 10));
    server.hold = true;
    await user.clear(input);
    await user.type(input, '@tenten{Enter}');
    // The first result's time runs out while the next follow is under way: nothing is cleared.
    act(() => vi.advanceTimersByTime(20));
    expect(input).toHaveValue('@tenten');
    expect(first).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(PROGRESS_DELAY_MS));
    expect(screen.getByText('Following @tenten…')).toBeInTheDocument();
    await act(async () => server.release());
    const second = await screen.findByRole('button', { name: /Now following @tenten/ });
    act(() => vi.advanceTimersByTime(RESULT_MS));
    expect(second).not.toBeInTheDocument();
    expect(input).toHaveValue('');
  });

  it('reads bare digits as the setting says: a user id by default', async () => {
    const { server, input, user } = await renderQuick();
    await user.type(input, '101010{Enter}');
    expect(await screen.findByRole('button', { name: /Now following @tenten/ })).toBeInTheDocument();
    expect(follows(server)).toMatchObject([{ target: '101010', numericAs: 'user_id' }]);
  });

  it('reads bare digits as a screen name when the setting says so', async () => {
    const { server, input, user } = await renderQuick((s) => {
      s.settings.settings.quickNumericAs = 'screen_name';
    });
    await user.type(input, '101010{Enter}');
    expect(await screen.findByRole('button', { name: /Now following @101010/ })).toBeInTheDocument();
    expect(follows(server)).toMatchObject([{ target: '101010', numericAs: 'screen_name' }]);
  });

  it('shows a protected account as a request, and an error with its sentence for twice as long', async () => {
    const { input, user } = await renderQuick();
    await user.type(input, '@lockedbox{Enter}');
    expect(await screen.findByRole('button', { name: /Request sent to @lockedbox/ })).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '@nobody{Enter}');
    const error = await screen.findByText(/Account not found\./);
    expect(error.parentElement).toHaveTextContent('check the name or id');
    act(() => vi.advanceTimersByTime(2 * RESULT_MS - 1));
    expect(error).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(error).not.toBeInTheDocument();
  });

  it('shows someone already followed with the card main sent in the same answer', async () => {
    const { server, input, user } = await renderQuick((s) => s.following.add(DOUG.id));
    await user.type(input, '@dougw{Enter}');
    const result = await screen.findByRole('button', { name: /Already following @dougw/ });
    expect(result).toHaveAttribute('data-outcome', 'already_following');
    expect(result.querySelector('.avatar')).not.toBeNull();
    expect(server.calls.map((c) => c.channel)).toEqual(['follow']);
  });

  it('refuses bad input before sending', async () => {
    const { server, input, user } = await renderQuick();
    await user.type(input, 'a/b{Enter}');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(follows(server)).toHaveLength(0);
  });

  it('opens the profile in the main window when the result is clicked, and Esc closes', async () => {
    const { server, input, user } = await renderQuick();
    await user.type(input, '@dougw{Enter}');
    await user.click(await screen.findByRole('button', { name: /Now following @dougw/ }));
    await user.keyboard('{Escape}');
    expect(server.calls.map((c) => c.channel)).toEqual(['follow', 'showInMain', 'closeQuickFollow']);
    expect(server.calls[1]!.request).toEqual({ target: '@dougw', accountId: ACCOUNT.id });
  });
});

describe('Cancel in the quick-follow window', () => {
  it('shows Cancel only while a follow runs; it cancels the follow in main by its request id', async () => {
    const { server, input, user } = await renderQuick();
    expect(cancelButton()).toBeNull();
    server.hold = true;
    await user.type(input, '@dougw{Enter}');
    expect(await screen.findByText('Following @dougw…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Follow' })).toBeDisabled();
    expect(server.held).toHaveLength(1);

    await user.click(cancelButton()!);
    const [follow] = follows(server) as { requestId: string }[];
    expect(follow!.requestId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(server.calls.filter((c) => c.channel === 'cancel').map((c) => c.request)).toEqual([{ requestId: follow!.requestId }]);
    expect(server.held).toHaveLength(0);
    expect(await screen.findByText(/^Follow cancelled\. If the server had already received it/)).toBeInTheDocument();
    expect(cancelButton()).toBeNull();
    expect(screen.queryByRole('button', { name: /Now following/ })).toBeNull();
    expect(input).toHaveFocus();
    expect(server.calls.map((c) => c.channel)).not.toContain('closeQuickFollow');
  });

  it('says so when main had already finished the follow', async () => {
    const { server, input, user } = await renderQuick();
    server.hold = true;
    server.handle('cancel', async (request) => {
      server.calls.push({ channel: 'cancel', request });
      return { ok: true, cancelled: false };
    });
    await user.type(input, '@dougw{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/^Too late to cancel: the follow had already finished/)).toBeInTheDocument();
    // The follow's own answer, arriving after, changes nothing: the window moved on.
    await act(async () => server.release());
    expect(screen.queryByRole('button', { name: /Now following/ })).toBeNull();
  });

  it('keeps Esc for closing: a follow under way goes on in main', async () => {
    const { server, input, user } = await renderQuick();
    server.hold = true;
    await user.type(input, '@dougw{Enter}');
    await screen.findByText('Following @dougw…');
    await user.keyboard('{Escape}');
    expect(server.calls.map((c) => c.channel)).toEqual(['follow', 'closeQuickFollow']);
    expect(server.held).toHaveLength(1);
  });

  it('reaches Cancel from the name with Tab, and Enter on it cancels', async () => {
    const { server, input, user } = await renderQuick();
    server.hold = true;
    await user.type(input, '@dougw{Enter}');
    await screen.findByText('Following @dougw…');
    await user.tab();
    expect(cancelButton()).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(server.calls.map((c) => c.channel)).toEqual(['follow', 'cancel']);
    expect(await screen.findByText(/^Follow cancelled/)).toBeInTheDocument();
  });
});
