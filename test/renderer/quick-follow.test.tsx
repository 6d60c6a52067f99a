// @vitest-environment jsdom
import './dom-matchers.js';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { QuickFollow } from '../../renderer/src/quick/QuickFollow.js';
import { ACCOUNT, createFakeServer } from './fake-api.js';

afterEach(cleanup);

function renderQuick(resultMs = 60) {
  const server = createFakeServer({ accounts: [{ ...ACCOUNT, notifyByDefault: true }] });
  Object.defineProperty(window, 'befriend', { value: server.api, configurable: true });
  render(<QuickFollow api={server.api} resultMs={resultMs} />);
  const input = screen.getByRole('textbox', { name: /Follow whom/ });
  return { server, input };
}

describe('the quick-follow window', () => {
  it('follows on Enter with the SMS default of the account and shows a compact result that clears itself', async () => {
    const { server, input } = renderQuick();
    expect(input).toHaveFocus();
    const sms = screen.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' });
    await waitFor(() => expect(sms).toBeChecked());
    expect(screen.getByText(/as/)).toHaveTextContent('as Sandbox (demo)');
    await userEvent.type(input, '@dougw{Enter}');
    const result = await screen.findByRole('button', { name: /Now following @dougw/ });
    expect(result).toHaveAttribute('data-outcome', 'followed');
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ target: '@dougw', notify: true });
    await waitFor(() => expect(screen.queryByRole('button', { name: /Now following/ })).toBeNull());
    expect(input).toHaveValue('');
  });

  it('reads bare digits as the setting says (user id by default)', async () => {
    const { server, input } = renderQuick();
    await waitFor(() => expect(screen.getByRole('switch')).toBeChecked());
    await userEvent.type(input, '101010{Enter}');
    expect(await screen.findByRole('button', { name: /Now following @tenten/ })).toBeInTheDocument();
    expect(server.calls.find((c) => c.channel === 'follow')?.request).toMatchObject({ numericAs: 'user_id' });
  });

  it('shows a protected account as a request and an error with its sentence', async () => {
    const { input } = renderQuick(5000);
    await userEvent.type(input, '@lockedbox{Enter}');
    expect(await screen.findByRole('button', { name: /Request sent to @lockedbox/ })).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, '@nobody{Enter}');
    const error = await screen.findByText(/Account not found\./);
    expect(error.parentElement).toHaveTextContent('check the name or id');
  });

  it('refuses bad input before sending', async () => {
    const { server, input } = renderQuick();
    await userEvent.type(input, 'a/b{Enter}');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(server.calls.filter((c) => c.channel === 'follow')).toHaveLength(0);
  });

  it('opens the profile in the main window when the result is clicked, and Esc closes', async () => {
    const { server, input } = renderQuick(5000);
    await userEvent.type(input, '@dougw{Enter}');
    await userEvent.click(await screen.findByRole('button', { name: /Now following @dougw/ }));
    await act(async () => {
      await userEvent.keyboard('{Escape}');
    });
    expect(server.calls.map((c) => c.channel)).toEqual(['follow', 'showInMain', 'closeQuickFollow']);
    expect(server.calls[1]!.request).toEqual({ target: '@dougw', accountId: ACCOUNT.id });
  });
});
