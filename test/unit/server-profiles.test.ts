import { describe, expect, it } from 'vitest';
import {
  SERVER_PROFILE_IDS,
  SERVER_PROFILES,
  defaultsFor,
  hasUserSearch,
  oauthBaseFor,
  profileFor,
} from '../../core/server-profiles.js';

const supportsAuth = (id: keyof typeof SERVER_PROFILES, mode: string) => SERVER_PROFILES[id].authModes.some((m) => m === mode);
const supportsFormat = (id: keyof typeof SERVER_PROFILES, format: string) => SERVER_PROFILES[id].formats.some((f) => f === format);

describe('server profiles', () => {
  it('has exactly the four profiles of the account type', () => {
    expect([...SERVER_PROFILE_IDS].sort()).toEqual(['custom', 'gnusocial', 'twitter-v1', 'twitter-v1.1']);
    for (const id of SERVER_PROFILE_IDS) expect(SERVER_PROFILES[id].id).toBe(id);
  });

  it('twitter-v1: api.twitter.com/1, Basic and OAuth, XML and JSON, users/search', () => {
    expect(defaultsFor('twitter-v1')).toEqual({
      apiBase: 'https://api.twitter.com/1',
      oauthBase: 'https://api.twitter.com/oauth',
      format: 'json',
      hasUserSearch: true,
    });
    expect(supportsAuth('twitter-v1', 'basic') && supportsAuth('twitter-v1', 'oauth')).toBe(true);
    expect(supportsFormat('twitter-v1', 'xml') && supportsFormat('twitter-v1', 'json')).toBe(true);
  });

  it('twitter-v1.1: OAuth only, JSON only', () => {
    expect(defaultsFor('twitter-v1.1')).toMatchObject({ apiBase: 'https://api.twitter.com/1.1', hasUserSearch: true });
    expect(supportsAuth('twitter-v1.1', 'basic')).toBe(false);
    expect(supportsAuth('twitter-v1.1', 'oauth')).toBe(true);
    expect(supportsFormat('twitter-v1.1', 'xml')).toBe(false);
    expect(supportsFormat('twitter-v1.1', 'json')).toBe(true);
  });

  it('gnusocial: {site}/api and {site}/api/oauth, no users/search', () => {
    expect(defaultsFor('gnusocial', 'https://social.example/')).toEqual({
      apiBase: 'https://social.example/api',
      oauthBase: 'https://social.example/api/oauth',
      format: 'json',
      hasUserSearch: false,
    });
    expect(defaultsFor('gnusocial')).toMatchObject({ apiBase: null, oauthBase: null });
    expect(supportsAuth('gnusocial', 'basic')).toBe(true);
    expect(supportsFormat('gnusocial', 'xml')).toBe(true);
  });

  it('custom: everything allowed, the site is the API root', () => {
    expect(defaultsFor('custom', 'http://127.0.0.1:8080/1')).toMatchObject({ apiBase: 'http://127.0.0.1:8080/1', oauthBase: null });
    expect(supportsAuth('custom', 'basic') && supportsAuth('custom', 'oauth')).toBe(true);
    expect(supportsFormat('custom', 'xml') && supportsFormat('custom', 'json')).toBe(true);
    expect(supportsFormat('custom', 'yaml')).toBe(false);
  });

  it('profileFor knows only the four ids', () => {
    expect(profileFor('gnusocial')?.label).toBe('GNU social / StatusNet');
    expect(profileFor('toString')).toBeNull();
    expect(profileFor('mastodon')).toBeNull();
  });
});

describe('the account overrides the profile', () => {
  it('oauthBaseFor: the account value, else the profile, else derived for GNU social, else null', () => {
    expect(oauthBaseFor({ profile: 'twitter-v1', apiBase: 'https://api.twitter.com/1', oauthBase: null })).toBe(
      'https://api.twitter.com/oauth',
    );
    expect(oauthBaseFor({ profile: 'twitter-v1', apiBase: 'https://api.twitter.com/1', oauthBase: 'https://proxy.example/oauth/' })).toBe(
      'https://proxy.example/oauth',
    );
    expect(oauthBaseFor({ profile: 'gnusocial', apiBase: 'https://social.example/api/' })).toBe(
      'https://social.example/api/oauth',
    );
    expect(oauthBaseFor({ profile: 'custom', apiBase: 'https://x.example/1' })).toBeNull();
  });

  it('hasUserSearch: the account value, else the profile', () => {
    expect(hasUserSearch({ profile: 'gnusocial' })).toBe(false);
    expect(hasUserSearch({ profile: 'gnusocial', hasUserSearch: true })).toBe(true);
    expect(hasUserSearch({ profile: 'twitter-v1' })).toBe(true);
    expect(hasUserSearch({ profile: 'twitter-v1', hasUserSearch: false })).toBe(false);
  });
});
