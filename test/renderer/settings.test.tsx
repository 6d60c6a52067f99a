// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './render-app.js';

afterEach(cleanup);

async function openSettings() {
  const rendered = renderApp();
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await userEvent.click(within(nav).getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return rendered;
}

const channels = (server: ReturnType<typeof renderApp>['server']) => server.calls.map((c) => c.channel);

describe('the Settings screen', () => {
  it('shows a change at once and keeps what main answers', async () => {
    const { server } = await openSettings();
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-theme', 'dark'));
    expect(server.calls.filter((c) => c.channel === 'setSettings').map((c) => c.request)).toEqual([{ theme: 'dark' }]);
    expect(server.settings.settings.theme).toBe('dark');
  });

  it('puts a refused change back and says why', async () => {
    const { server } = await openSettings();
    server.handle('setSettings', async () => ({
      ok: false,
      error: { kind: 'invalid_request', status: null, code: null, message: 'The tray is not available here.' },
      rateLimit: null,
    }));
    const tray = screen.getByRole('checkbox', { name: 'Show Befriend in the tray' });
    await userEvent.click(tray);
    expect(await screen.findByText('The tray is not available here.')).toBeInTheDocument();
    expect(tray).toBeChecked();
  });

  it('tests a new shortcut with main before registering it, and keeps the old one when the keys are taken', async () => {
    const { server } = await openSettings();
    server.handle('testShortcut', async (request) => {
      server.calls.push({ channel: 'testShortcut', request });
      const taken = request.accelerator === 'CommandOrControl+Shift+I';
      return { ok: true, accelerator: request.accelerator, available: !taken, reason: taken ? 'the developer tools use it' : null };
    });
    const recorder = screen.getByRole('button', { name: /Quick-follow shortcut/ });
    await userEvent.click(recorder);
    await userEvent.keyboard('{Control>}{Shift>}I{/Shift}{/Control}');
    expect(await screen.findByText(/Ctrl\+Shift\+I is taken: the developer tools use it\. Kept Ctrl\+Alt\+F\./)).toBeInTheDocument();
    expect(channels(server)).not.toContain('setShortcut');

    await userEvent.click(recorder);
    await userEvent.keyboard('{Control>}{Alt>}b{/Alt}{/Control}');
    expect(await screen.findByText('Quick follow now opens with Ctrl+Alt+B.')).toBeInTheDocument();
    expect(server.calls.filter((c) => c.channel === 'testShortcut' || c.channel === 'setShortcut').map((c) => c.channel)).toEqual([
      'testShortcut',
      'testShortcut',
      'setShortcut',
    ]);
    expect(recorder).toHaveTextContent('Ctrl+Alt+B');
  });

  it('adds an account that main verified, uses it, and says so', async () => {
    const { server } = await openSettings();
    await userEvent.click(screen.getByRole('button', { name: 'Add an account' }));
    const form = screen.getByRole('form', { name: 'Add an account' });
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Server' }), 'custom');
    await userEvent.type(within(form).getByLabelText('API base URL'), 'https://api.example/1');
    await userEvent.type(within(form).getByLabelText('Name for this account (optional)'), 'Work');
    await userEvent.type(within(form).getByLabelText('Username'), 'me');
    await userEvent.type(within(form).getByLabelText('Password'), 'secret');
    await userEvent.click(within(form).getByRole('button', { name: 'Verify and add' }));
    const row = await screen.findByRole('listitem', { name: 'Work' });
    expect(row).toHaveTextContent('In use');
    expect(screen.queryByRole('form', { name: 'Add an account' })).toBeNull();
    expect(screen.getByTestId('live-region')).toHaveTextContent('Added Work.');
    expect(server.calls.find((c) => c.channel === 'addAccount')?.request).toMatchObject({
      label: 'Work',
      apiBase: 'https://api.example/1',
      credentials: { mode: 'basic', username: 'me', password: 'secret' },
    });
  });

  it('verifies and removes an account through main', async () => {
    const { server } = await openSettings();
    const row = screen.getByRole('listitem', { name: 'Sandbox (demo)' });
    await userEvent.click(within(row).getByRole('button', { name: 'Verify Sandbox (demo)' }));
    expect(await within(row).findByText('Signed in as @demo.')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Remove Sandbox (demo)' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Sandbox (demo)' })).toBeNull());
    expect(channels(server)).toEqual(['verifyAccount', 'removeAccount']);
  });
});
