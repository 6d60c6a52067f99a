// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView, MoveFollowsPreviewView, RequestOf } from '../../electron/shared/contract.js';
import { ACCOUNT } from './fake-api.js';
import { installFakeBulk } from './fake-bulk.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

const ELSEWHERE: AccountView = { ...ACCOUNT, id: 'acct-2', label: 'Elsewhere', sandbox: false, notifyByDefault: true, apiBase: 'https://social.example/api' };

const PREVIEW: MoveFollowsPreviewView = {
  sameServer: false,
  sourceCount: 6,
  toFollow: 3,
  alreadyFollowed: 1,
  notFoundCount: 1,
  notFound: [{ id: '9', screenName: 'gone' }],
  ambiguousCount: 1,
  ambiguous: [{ source: { id: '7', screenName: 'Bob' }, candidates: [{ id: '71', screenName: 'bob' }, { id: '72', screenName: 'BOB' }] }],
  byName: [
    { source: { id: '1', screenName: 'ann' }, target: { id: '91', screenName: 'ann' } },
    { source: { id: '2', screenName: 'cy' }, target: { id: '92', screenName: 'cy' } },
    { source: { id: '3', screenName: 'di' }, target: { id: '93', screenName: 'di' } },
  ],
  yourself: 0,
};

async function openMove() {
  const rendered = renderApp({ accounts: [ACCOUNT, ELSEWHERE] });
  const bulk = installFakeBulk(rendered.server, 'acct-2');
  const calls: { channel: string; request: unknown }[] = [];
  rendered.server.handle('moveFollowsPreview', async (request: RequestOf<'moveFollowsPreview'>) => {
    calls.push({ channel: 'moveFollowsPreview', request });
    return { ok: true, preview: PREVIEW };
  });
  rendered.server.handle('moveFollowsStart', async (request: RequestOf<'moveFollowsStart'>) => {
    calls.push({ channel: 'moveFollowsStart', request });
    bulk.restore(3, 0);
    bulk.status({ state: 'running' });
    return { ok: true, job: bulk.job };
  });
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await userEvent.click(within(nav).getByRole('button', { name: 'Bulk' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Move follows…' }));
  const form = await screen.findByRole('form', { name: 'Move follows' });
  return { ...rendered, bulk, calls, form: within(form) };
}

describe('Move follows in the Bulk tab', () => {
  it('starts from the active account to another, with the destination’s SMS default', async () => {
    const { form } = await openMove();
    expect(form.getByRole('combobox', { name: 'From account' })).toHaveValue('acct-1');
    expect(form.getByRole('combobox', { name: 'To account' })).toHaveValue('acct-2');
    expect(form.getByRole('switch', { name: 'Also send their updates to my phone (SMS)' })).toBeChecked();
  });

  it('previews the counts, the matches by name, the missing and the ambiguous, then runs as the destination’s bulk follow', async () => {
    const { form, calls } = await openMove();
    await userEvent.click(form.getByRole('button', { name: 'Preview' }));
    const preview = within(await screen.findByRole('region', { name: 'Move preview' }));
    expect(preview.getByText('To follow').nextSibling).toHaveTextContent('3');
    expect(preview.getByText('Not found').nextSibling).toHaveTextContent('1');
    expect(preview.getByText('Ambiguous').nextSibling).toHaveTextContent('1');
    expect(preview.getByText(/matched by screen name only/)).toBeInTheDocument();
    expect(preview.getByRole('list', { name: 'Matched by name' }).children).toHaveLength(3);
    expect(preview.getByLabelText('Not found')).toHaveTextContent('@gone');
    expect(preview.getByRole('list', { name: 'Ambiguous' })).toHaveTextContent('@Bob could be @bob, @BOB');
    await userEvent.click(form.getByRole('button', { name: 'Follow 3 accounts' }));
    await screen.findByRole('region', { name: 'Bulk follow progress' });
    expect(calls.map((c) => c.channel)).toEqual(['moveFollowsPreview', 'moveFollowsStart']);
    expect(calls[1]!.request).toEqual({ fromAccountId: 'acct-1', toAccountId: 'acct-2', notify: true, pacePerMinute: null, concurrency: 2 });
    expect(screen.queryByRole('form', { name: 'Move follows' })).toBeNull();
  });

  it('refuses the same account on both sides, and goes back to lists', async () => {
    const { form, calls } = await openMove();
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'To account' }), 'acct-1');
    expect(form.getByText('Choose two different accounts.')).toBeInTheDocument();
    expect(form.getByRole('button', { name: 'Preview' })).toBeDisabled();
    await userEvent.click(form.getByRole('button', { name: 'Back to lists' }));
    expect(await screen.findByRole('textbox', { name: 'Accounts to follow' })).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
