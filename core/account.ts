import type { Format } from './types.js';

export type ServerProfileId = 'twitter-v1' | 'twitter-v1.1' | 'gnusocial' | 'custom';
export type AuthMode = 'basic' | 'oauth';

export type Credentials =
  | { mode: 'basic'; username: string; password: string }
  | {
      mode: 'oauth';
      consumerKey: string;
      consumerSecret: string;
      token: string;
      tokenSecret: string;
    };

/**
 * Everything the core needs to talk to one server as one person. Secrets live in `credentials`;
 * Electron main builds this from its store (decrypting there) and never hands it to the renderer.
 */
export interface Account {
  profile: ServerProfileId;
  /** The API root, e.g. `https://api.twitter.com/1` or `https://social.example/api`. */
  apiBase: string;
  /** Where request_token / authorize / access_token live; defaults from the profile. */
  oauthBase?: string | null;
  format: Format;
  credentials: Credentials;
  /** Basic over plain http to a non-loopback host is refused unless this is set for the account. */
  allowInsecureBasic?: boolean;
  /** The signed-in person, when known (from verify_credentials): following them is refused. */
  self?: { id: string | null; screenName: string | null } | null;
  /** Whether the server has users/search; when false, search falls back to users/show. */
  hasUserSearch?: boolean;
}
