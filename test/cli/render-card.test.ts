import { describe, expect, it } from 'vitest';
import { renderCard } from '../../core/cli/render-card.js';
import type { User } from '../../core/types.js';

const USER: User = {
  id: '783214',
  screenName: 'twitter',
  name: 'Twitter',
  location: 'San Francisco, CA',
  description: 'Your official source for news.',
  url: 'http://t.co/5iRhy7wTgu',
  profileImageUrl: null,
  protected: false,
  verified: true,
  followersCount: 33620548,
  friendsCount: 101,
  statusesCount: 0,
  favouritesCount: 21,
  createdAt: '2007-12-31T23:59:59.000Z',
  utcOffset: null,
  timeZone: null,
  following: true,
  notifications: false,
  followRequestSent: false,
  latestStatus: null,
};

describe('the terminal card', () => {
  it('groups counts by thousands and names the month joined, in UTC', () => {
    expect(renderCard(USER).split('\n')).toEqual([
      'Twitter  @twitter  [verified]',
      'San Francisco, CA · http://t.co/5iRhy7wTgu',
      'Your official source for news.',
      '33,620,548 followers · 101 following · 0 statuses · joined December 2007',
      '',
      'No status to show.',
    ]);
  });

  it('leaves out what the server did not say', () => {
    const bare = { ...USER, location: null, url: null, description: null, followersCount: null, friendsCount: 1000, statusesCount: null, createdAt: null, verified: false };
    expect(renderCard(bare).split('\n').slice(0, 2)).toEqual(['Twitter  @twitter', '1,000 following']);
  });
});
