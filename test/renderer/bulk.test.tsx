// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT } from './fake-api.js';
import { installFakeBulk } from './fake-bulk.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

const LIST = ['@alice', '@bob', 'not a name!', '@carol', '@ALICE', '@dougw'].join('\n');

async function openBulk() {
  const rendered = renderApp();
  const bulk = installFakeBulk(rendered.server);
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await userEvent.click(within(nav).getByRole('button', { name: 'Bulk' }));
  await screen.findByRole('heading', { name: 'Bulk follow' });
  return { ...rendered, bulk };
}

const listBox = () => screen.getByRole('textbox', { name: 'Accounts to follow' });

async function paste(text: string) {
  await userEvent.click(listBox());
  await userEvent.paste(text);
}

async function previewAndStart(text = LIST) {
  await paste(text);
  await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
  const start = await screen.findByRole('button', { name: /^Follow [\d,]+ accounts?$/ });
  await userEvent.click(start);
  await screen.findByRole('region', { name: 'Bulk follow progress' });
}

const liveRegion = () => screen.getByTestId('live-region');
/** The screen itself, without the live region that repeats its sentences. */
const content = () => within(screen.getByRole('main'));
const progressBar = () => screen.getByRole('progressbar', { name: 'Accounts handled' });

describe('the Bulk tab', () => {
  it('is in the navigation, reachable by keyboard, and starts with an empty list and Preview disabled', async () => {
    renderApp();
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const tab = within(nav).getByRole('button', { name: 'Bulk' });
    tab.focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Bulk follow' });
    expect(tab).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Import a file…' })).toBeEnabled();
    expect(screen.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' })).not.toBeChecked();
  });

  it('previews a pasted list: counts, bad lines and duplicates with their line numbers, already followed', async () => {
    const { bulk } = await openBulk();
    await paste(LIST);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(preview).toHaveTextContent('To follow4');
    expect(preview).toHaveTextContent('Bad lines1');
    expect(preview).toHaveTextContent('Duplicates1');
    const bad = within(preview).getByRole('list', { name: 'Bad lines' });
    expect(within(bad).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Line 3 not a name!/),
    ]);
    const duplicates = within(preview).getByRole('list', { name: 'Duplicate lines' });
    expect(duplicates).toHaveTextContent('Line 5 @ALICE repeats line 1');
    expect(preview).toHaveTextContent('Already followed: line 6.');
    expect(liveRegion()).toHaveTextContent('4 to follow, 1 bad line, 1 duplicate.');
    expect(bulk.calls.at(-1)).toEqual({ channel: 'bulkPreview', request: expect.objectContaining({ text: LIST, numericAs: 'user_id', lookups: 20 }) });

    // Editing the list makes the preview stale: Start turns back into Preview.
    expect(screen.getByRole('button', { name: 'Follow 4 accounts' })).toBeEnabled();
    await userEvent.type(listBox(), '\n@dave');
    expect(screen.queryByRole('button', { name: 'Follow 4 accounts' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeEnabled();
  });

  it("starts the SMS toggle from the account's own default", async () => {
    renderApp({ accounts: [{ ...ACCOUNT, notifyByDefault: true }] });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Bulk' }));
    expect(await screen.findByRole('switch', { name: 'Also send their updates to my phone (SMS)' })).toBeChecked();
  });

  it('imports a file as text (CSV) and says which', async () => {
    await openBulk();
    const file = new File(['screen_name,name\nalice,Alice\nbob,Bob\n'], 'following.csv', { type: 'text/csv' });
    const picker = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(picker, { target: { files: [file] } });
    await waitFor(() => expect(listBox()).toHaveValue('screen_name,name\nalice,Alice\nbob,Bob\n'));
    expect(screen.getByText(/Imported from following\.csv\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('button', { name: 'Follow 2 accounts' })).toBeEnabled();
  });

  it('shows an unreadable list as text, never as HTML', async () => {
    await openBulk();
    await paste('screen_name\n"<b>open');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const notice = await content().findByText(/A quoted field is never closed/);
    expect(notice.closest('.notice')).toHaveTextContent('This list cannot be read');
    expect(document.querySelectorAll('.bulk-compose b')).toHaveLength(0);
  });

  it('starts with the chosen options, then shows progress, counts, ETA and the finish', async () => {
    const { bulk } = await openBulk();
    await paste(LIST);
    await userEvent.click(screen.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Pace' }), '30 a minute');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Requests at once' }), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Follow 4 accounts' }));
    await screen.findByRole('region', { name: 'Bulk follow progress' });
    expect(bulk.calls.find((c) => c.channel === 'bulkStart')?.request).toMatchObject({
      text: LIST,
      notify: true,
      pacePerMinute: 30,
      concurrency: 3,
    });
    expect(progressBar()).toHaveAttribute('aria-valuenow', '0');
    expect(progressBar()).toHaveAttribute('aria-valuemax', '4');
    expect(screen.getByText('0 of 4')).toBeInTheDocument();
    expect(screen.getByText(/about 2 min left/)).toBeInTheDocument();
    expect(liveRegion()).toHaveTextContent('Started following 4 accounts.');

    act(() => bulk.step(2));
    await waitFor(() => expect(progressBar()).toHaveAttribute('aria-valuenow', '2'));
    const list = await screen.findByRole('list', { name: 'Accounts in this bulk follow' });
    await waitFor(() => expect(within(list).getAllByText('Followed')).toHaveLength(2));

    act(() => bulk.step(2, 'already_following'));
    await waitFor(() => expect(screen.getByText('Finished.')).toBeInTheDocument());
    expect(progressBar()).toHaveAttribute('aria-valuenow', '4');
    expect(liveRegion()).toHaveTextContent('Bulk follow finished: 2 followed, 2 already followed, 0 requested, 0 failed.');
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(screen.getByRole('button', { name: 'New list' })).toBeEnabled();
  });

  it('pauses, resumes, cancels and retries', async () => {
    const { bulk } = await openBulk();
    await previewAndStart();
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText('Paused: nothing more is sent until you resume.');
    expect(liveRegion()).toHaveTextContent('Bulk follow paused.');
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await screen.findByRole('button', { name: 'Pause' });

    act(() => bulk.step(1, 'failed', '<i>gone</i>'));
    await screen.findByText('<i>gone</i>');
    expect(document.querySelectorAll('.bulk-list i')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Cancelled: the rest of the list was not sent.');
    await userEvent.click(screen.getByRole('button', { name: 'Retry failed (4)' }));
    await screen.findByRole('button', { name: 'Pause' });
    expect(bulk.calls.map((c) => c.channel).filter((c) => c !== 'bulkItems' && c !== 'bulkStatus')).toEqual([
      'bulkPreview',
      'bulkStart',
      'bulkPause',
      'bulkResume',
      'bulkCancel',
      'bulkRetryFailed',
    ]);
    expect(progressBar()).toHaveAttribute('aria-valuenow', '0');
  });

  it('changes pace and concurrency of a running list', async () => {
    const { bulk } = await openBulk();
    await previewAndStart();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Pace' }), '10 a minute');
    await waitFor(() => expect(bulk.job?.options.pacePerMinute).toBe(10));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Requests at once' }), '1');
    await waitFor(() => expect(bulk.job?.options.concurrency).toBe(1));
  });

  it('says why it waits: the rate limit until a clock time, the follow limit, a lost sign-in with a way to Settings', async () => {
    const { bulk, store } = await openBulk();
    await previewAndStart();
    const until = '2030-01-01T10:05:00.000Z';
    const clock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(until));
    act(() => bulk.status({ state: 'waiting', reason: 'rate_limit', until, message: 'rate' }));
    await screen.findByText(`Waiting for the rate limit to reset until ${clock}.`);
    act(() => bulk.status({ state: 'waiting', reason: 'follow_limit', until, message: 'follow' }));
    await screen.findByText(`You have reached the number of accounts you may follow for now: paused until ${clock}.`);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeEnabled();

    act(() => bulk.status({ state: 'needs_sign_in', message: 'sign in' }));
    await screen.findByText('Sign in again to continue');
    expect(liveRegion()).toHaveTextContent('Bulk follow stopped: sign in again in Settings, then resume.');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(store.getState().screen).toBe('settings');
  });

  it('lists 10 000 accounts a page at a time, filters by state and finds a name', async () => {
    const { bulk } = await openBulk();
    const names = Array.from({ length: 10_000 }, (_, i) => `@user${i}`).join('\n');
    await previewAndStart(names);
    act(() => bulk.step(30));
    const list = await screen.findByRole('list', { name: 'Accounts in this bulk follow' });
    await waitFor(() => expect(within(list).getAllByText('Followed')).toHaveLength(30));
    expect(within(list).getAllByRole('listitem')).toHaveLength(50);
    expect(screen.getByText('1–50 of 10,000')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('51–100 of 10,000');
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('@user50');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Done');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(30));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find in the list' }), 'user12');
    await waitFor(() => expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('@user12')]));
  });

  it('exports CSV and says where it went', async () => {
    const { bulk } = await openBulk();
    await previewAndStart();
    act(() => bulk.step(4));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await content().findByText(/Saved 4 rows to/);
    expect(content().getByText(/Saved 4 rows to/)).toHaveTextContent('Saved 4 rows to /home/me/Downloads/befriend-bulk.csv.');
  });

  it('says why a start was refused', async () => {
    const { bulk } = await openBulk();
    bulk.startFailure = {
      ok: false,
      error: { kind: 'server_error', status: null, code: null, message: 'Cannot write the state directory: permission denied.' },
      rateLimit: null,
    };
    await paste('@alice');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Follow 1 account' }));
    await screen.findByText('Could not start');
    expect(content().getByText('Cannot write the state directory: permission denied.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Bulk follow progress' })).toBeNull();
  });

  it('shows a list left by an earlier session, paused, ready to resume', async () => {
    const rendered = renderApp();
    const bulk = installFakeBulk(rendered.server);
    bulk.restore(12, 5);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Bulk' }));
    await screen.findByText('Paused: nothing more is sent until you resume.');
    expect(progressBar()).toHaveAttribute('aria-valuenow', '5');
    expect(screen.getByRole('combobox', { name: 'Pace' })).toHaveValue('30');
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await screen.findByRole('button', { name: 'Pause' });
  });
});
