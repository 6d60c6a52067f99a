// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileCard } from '../../renderer/src/components/ProfileCard.js';
import { createAppStore } from '../../renderer/src/store/app-store.js';
import { StoreContext } from '../../renderer/src/store/context.js';
import { createFakeServer, DOUG, makeUser, type FakeServer } from './fake-api.js';

let server: FakeServer;
let mentions: string[];

beforeEach(() => {
  server = createFakeServer();
  mentions = [];
});
afterEach(cleanup);

const NOW = new Date('2009-04-08T00:52:51.000Z');

function renderCard(user = DOUG) {
  render(
    <StoreContext.Provider value={createAppStore(server.api)}>
      <ProfileCard user={user} onMention={(name) => mentions.push(name)} now={NOW} />
    </StoreContext.Provider>,
  );
  return screen.getByRole('article');
}

describe('the profile card', () => {
  it('shows name, handle, facts and locale-formatted counts', () => {
    const card = renderCard();
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent('Doug Williams');
    expect(card).toHaveTextContent('@dougw');
    expect(card).toHaveTextContent('San Francisco, CA');
    expect(card).toHaveTextContent('Joined March 2007');
    expect(within(card).getByText('1,036')).toBeInTheDocument();
    expect(within(card).getByText('290')).toBeInTheDocument();
    expect(within(card).getByText('3,390')).toBeInTheDocument();
    expect(within(card).queryByText('Protected')).toBeNull();
  });

  it('falls back to the first letter or digit of the name for the avatar, skipping punctuation', () => {
    const card = renderCard(makeUser({ id: '1', screenName: 'z', name: '<"Zed">', profileImageUrl: null }));
    expect(card.querySelector('.avatar')?.textContent).toBe('Z');
    cleanup();
    const quoted = renderCard(makeUser({ id: '2', screenName: 'e', name: '"élan"', profileImageUrl: null }));
    expect(quoted.querySelector('.avatar')?.textContent).toBe('É');
  });

  it('shows the latest status with relative time, the exact time on hover and its source linked', () => {
    const card = renderCard();
    const time = card.querySelector('time')!;
    expect(time).toHaveTextContent('2 hours ago');
    expect(time).toHaveAttribute('datetime', '2009-04-07T22:52:51.000Z');
    expect(time.getAttribute('title')).toMatch(/April 7, 2009/);
    const via = within(card).getByRole('link', { name: 'TweetDeck' });
    expect(via).toHaveAttribute('href', 'http://www.tweetdeck.com/');
  });

  it('turns links and @mentions in the status into safe links that never navigate the page', async () => {
    const card = renderCard();
    const link = within(card).getByRole('link', { name: 'example.com/x' });
    expect(link).toHaveAttribute('href', 'http://example.com/x');
    const clicked = fireEvent.click(link);
    expect(clicked).toBe(false);
    await new Promise((done) => setTimeout(done, 0));
    expect(server.calls.filter((c) => c.channel === 'openExternal').map((c) => c.request)).toEqual([
      { url: 'http://example.com/x' },
    ]);
    await userEvent.click(within(card).getByRole('button', { name: '@abdur' }));
    expect(mentions).toEqual(['abdur']);
  });

  it('shows verified and protected badges, and a protected account without a status says why', () => {
    const card = renderCard(makeUser({ id: '1', screenName: 'vip', name: 'Very Important', verified: true, protected: true }));
    expect(within(card).getByText('Verified')).toBeInTheDocument();
    expect(within(card).getByText('Protected')).toBeInTheDocument();
    expect(card).toHaveTextContent('Their posts are visible to approved followers only.');
  });

  it('says "No posts yet." for someone without a status, and — for unknown counts', () => {
    const card = renderCard(makeUser({ id: '2', screenName: 'silent', followersCount: null }));
    expect(card).toHaveTextContent('No posts yet.');
    expect(within(card).getByText('—')).toBeInTheDocument();
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent('silent');
  });

  it('falls back to the initial when the avatar is missing or fails to load', () => {
    const card = renderCard();
    const img = card.querySelector('.avatar img')!;
    expect(img).toHaveAttribute('src', DOUG.profileImageUrl!);
    fireEvent.error(img);
    expect(card.querySelector('.avatar img')).toBeNull();
    expect(card.querySelector('.avatar')).toHaveTextContent('D');
  });

  it('renders hostile server text as text: no elements, no script, no javascript: links', () => {
    const hostile = makeUser({
      id: '3',
      screenName: 'htmlhacker',
      name: '<b>Bold</b>',
      description: '<script>alert(1)</script> Tom &amp; Jerry',
      url: 'javascript:alert(1)',
      profileImageUrl: 'javascript:alert(2)',
      latestStatus: {
        ...DOUG.latestStatus!,
        text: '<img src=x onerror=alert(1)>',
        source: { name: '<a href="javascript:alert(3)">Evil</a>', url: 'javascript:alert(3)' },
      },
    });
    const card = renderCard(hostile);
    expect(card).toHaveTextContent('<script>alert(1)</script> Tom &amp; Jerry');
    expect(card).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(card).toHaveTextContent('via <a href="javascript:alert(3)">Evil</a>');
    expect(card.querySelectorAll('script, b, img')).toHaveLength(0);
    for (const link of within(card).queryAllByRole('link')) {
      expect(link.getAttribute('href')).toMatch(/^https?:/);
    }
    expect(within(card).queryAllByRole('link')).toHaveLength(0);
  });
});
