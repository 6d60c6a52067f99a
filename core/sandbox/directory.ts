/**
 * The sandbox's people: a fixed, seeded directory (the same every run) that always holds the hard
 * cases a Twitter v1 client must survive, looked up through maps so a lookup never scans.
 */

export interface DirectoryStatus {
  id: string;
  createdAt: string;
  text: string;
  /** HTML, as v1 sent it: usually an anchor naming the client. */
  source: string;
  truncated: boolean;
  favorited: boolean;
  inReplyToStatusId: string | null;
  inReplyToUserId: string | null;
  inReplyToScreenName: string | null;
  /** For a retweet: the original status and its author's screen name. */
  retweeted: { status: DirectoryStatus; authorScreenName: string } | null;
}

export interface DirectoryUser {
  id: string;
  screenName: string;
  name: string;
  location: string | null;
  description: string | null;
  profileImageUrl: string;
  url: string | null;
  protected: boolean;
  suspended: boolean;
  verified: boolean;
  followersCount: number;
  friendsCount: number;
  createdAt: string;
  favouritesCount: number;
  utcOffset: number | null;
  timeZone: string | null;
  statusesCount: number;
  status: DirectoryStatus | null;
}

/** The demo account's screen name and id; it is a directory user like any other. */
export const DEMO_SCREEN_NAME = 'demo';
export const DEMO_USER_ID = '1000001';

/** The hard cases by role, so tests can name the one they mean. */
export const HARD_CASES = {
  /** The documentation's example: Doug Williams, id 1401881, status from TweetDeck. */
  example: 'dougw',
  /** Listed before `example` and starts with its name: search must still rank `dougw` first. */
  exampleLookalike: 'dougwfan',
  /** An all-digits screen name whose id is not 101010 (the `id` form finds `idIs101010`). */
  numericScreenName: '101010',
  /** The user whose id IS 101010. */
  idIs101010: 'tenten',
  /** Id 9007199254740993, above 2^53: a JavaScript number would round it. */
  bigId: 'bigid',
  protected: 'lockedbox',
  suspended: 'spammer',
  noStatus: 'silent',
  emoji: 'emojifan',
  arabic: 'arabicname',
  hebrew: 'hebrewname',
  accented: 'accented',
  /** Script tags, an onerror image, entities and quotes in description and status. */
  html: 'htmlhacker',
  /** A status whose `source` is hostile HTML. */
  hostileSource: 'hostilesrc',
  /** A status that is a retweet of `example`'s status. */
  retweet: 'retweeter',
  /** A screen name and name that look like a number. */
  numberLike: '007',
  longDescription: 'longwinded',
} as const;

export const HARD_CASE_SCREEN_NAMES: readonly string[] = Object.values(HARD_CASES);

export const BIG_USER_ID = '9007199254740993';
export const DEFAULT_DIRECTORY_SIZE = 240;

const TWEETDECK = '<a href="http://www.tweetdeck.com/">TweetDeck</a>';
const DEFAULT_IMAGE = 'http://a0.twimg.com/sticky/default_profile_images/default_profile_0_normal.png';

function status(fields: Partial<DirectoryStatus> & Pick<DirectoryStatus, 'id' | 'text'>): DirectoryStatus {
  return {
    createdAt: 'Wed Apr 08 10:00:00 +0000 2009',
    source: 'web',
    truncated: false,
    favorited: false,
    inReplyToStatusId: null,
    inReplyToUserId: null,
    inReplyToScreenName: null,
    retweeted: null,
    ...fields,
  };
}

export function user(
  fields: Partial<DirectoryUser> & Pick<DirectoryUser, 'id' | 'screenName' | 'name'>,
): DirectoryUser {
  return {
    location: null,
    description: null,
    profileImageUrl: DEFAULT_IMAGE,
    url: null,
    protected: false,
    suspended: false,
    verified: false,
    followersCount: 10,
    friendsCount: 10,
    createdAt: 'Mon Jan 05 12:00:00 +0000 2009',
    favouritesCount: 0,
    utcOffset: 0,
    timeZone: 'London',
    statusesCount: 1,
    status: null,
    ...fields,
  };
}

const DOUG_STATUS = status({
  id: '1472669360',
  createdAt: 'Tue Apr 07 22:52:51 +0000 2009',
  text: "At least I can get your humor through tweets. RT @abdur: I don't mean this in a bad way, but genetically speaking your a cul-de-sac.",
  source: TWEETDECK,
});

const LONG_DESCRIPTION = Array.from(
  { length: 60 },
  (_, i) => `Paragraph ${i + 1} of a description that keeps going well past any sensible limit.`,
).join(' ');

function fixedUsers(): DirectoryUser[] {
  return [
    user({
      id: DEMO_USER_ID,
      screenName: DEMO_SCREEN_NAME,
      name: 'Demo Person',
      location: 'Localhost',
      description: 'The account the sandbox signs you in as.',
      status: status({ id: '2000000001', text: 'Trying out Befriend against the sandbox.' }),
    }),
    user({
      id: '1401882',
      screenName: 'dougwfan',
      name: 'Doug W. Fan Club',
      description: 'Not Doug Williams, just a fan.',
      status: status({ id: '2000000015', text: 'Searching for dougw finds me second.' }),
    }),
    user({
      id: '1401881',
      screenName: 'dougw',
      name: 'Doug Williams',
      location: 'San Francisco, CA',
      description:
        'Twitter API Support. Internet, greed, users, dougw and opportunities are my passions.',
      profileImageUrl: 'http://a1.twimg.com/profile_images/59648642/avatar_normal.png',
      url: 'http://www.igudo.com',
      followersCount: 1036,
      friendsCount: 290,
      createdAt: 'Sun Mar 18 06:42:26 +0000 2007',
      favouritesCount: 1,
      utcOffset: -18000,
      timeZone: 'Eastern Time (US & Canada)',
      statusesCount: 3390,
      status: DOUG_STATUS,
    }),
    user({
      id: '20202020',
      screenName: '101010',
      name: 'Binary Fan',
      description: 'My screen name is all digits; my id is not 101010.',
      status: status({ id: '2000000002', text: 'Ten in binary, forty-two in decimal.' }),
    }),
    user({
      id: '101010',
      screenName: 'tenten',
      name: 'Ten Ten',
      description: 'My id is 101010.',
      status: status({ id: '2000000003', text: 'Someone else has my id as a name.' }),
    }),
    user({
      id: BIG_USER_ID,
      screenName: 'bigid',
      name: 'Big Id',
      description: 'My id does not fit in a double.',
      status: status({ id: '9007199254740995', text: 'My status id is past 2^53 too.' }),
    }),
    user({
      id: '3000001',
      screenName: 'lockedbox',
      name: 'Locked Box',
      protected: true,
      description: 'Protected: you may only request to follow.',
      status: status({ id: '2000000004', text: 'Only approved followers should see this.' }),
    }),
    user({
      id: '3000002',
      screenName: 'spammer',
      name: 'Suspended Spammer',
      suspended: true,
      status: status({ id: '2000000005', text: 'Buy now!!!' }),
    }),
    user({ id: '3000003', screenName: 'silent', name: 'Never Tweeted', statusesCount: 0 }),
    user({
      id: '3000004',
      screenName: 'emojifan',
      name: '🦜 Parrot Party 🎉👩‍👩‍👧',
      description: 'Emoji everywhere 🚀✨ including a family 👨‍👩‍👧‍👦 and flags 🇳🇿',
      status: status({ id: '2000000006', text: 'Good morning ☀️🐦 #sandbox' }),
    }),
    user({
      id: '3000005',
      screenName: 'arabicname',
      name: 'مرحبا بالعالم',
      location: 'القاهرة',
      description: 'نص من اليمين إلى اليسار مع English في الوسط',
      status: status({ id: '2000000007', text: 'صباح الخير يا عالم' }),
    }),
    user({
      id: '3000006',
      screenName: 'hebrewname',
      name: 'שלום עולם',
      location: 'תל אביב',
      description: 'טקסט מימין לשמאל עם 123 מספרים',
      status: status({ id: '2000000008', text: 'בוקר טוב' }),
    }),
    user({
      id: '3000007',
      screenName: 'accented',
      name: 'Zoë Ñandú Łukasz 中文 日本語',
      location: 'Zürich',
      description: 'Ünïcödé with combining marks: e\u0301 and a zero-width joiner\u200d.',
      status: status({ id: '2000000009', text: 'Crème brûlée, s’il vous plaît' }),
    }),
    user({
      id: '3000008',
      screenName: 'htmlhacker',
      name: '<b>Bold</b> "Quoted" & \'Apos\'',
      description: '<script>alert(1)</script> Tom &amp; Jerry, it&#8217;s "quoted" & <i>tagged</i>',
      url: 'javascript:alert(1)',
      status: status({
        id: '2000000010',
        text: '<img src=x onerror=alert(1)> R&amp;D said "hi" & \'bye\' </textarea>',
      }),
    }),
    user({
      id: '3000009',
      screenName: 'hostilesrc',
      name: 'Hostile Source',
      status: status({
        id: '2000000011',
        text: 'Look at my client.',
        source:
          '<a href="javascript:alert(1)" onclick="alert(2)">Evil<script>alert(3)</script></a><img src=x onerror=alert(4)>',
      }),
    }),
    user({
      id: '3000010',
      screenName: 'retweeter',
      name: 'Re Tweeter',
      status: status({
        id: '2000000012',
        createdAt: 'Wed Apr 08 09:00:00 +0000 2009',
        text: `RT @dougw: ${DOUG_STATUS.text}`,
        source: TWEETDECK,
        retweeted: { status: DOUG_STATUS, authorScreenName: 'dougw' },
      }),
    }),
    user({
      id: '3000011',
      screenName: '007',
      name: '007',
      description: 'Shaken, not stirred.',
      status: status({ id: '2000000013', text: '007' }),
    }),
    user({
      id: '3000012',
      screenName: 'longwinded',
      name: 'Long Winded',
      description: LONG_DESCRIPTION,
      status: status({ id: '2000000014', text: 'x'.repeat(140) }),
    }),
  ];
}

/** mulberry32: tiny, fast and the same everywhere, which is all a fixture needs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJECTIVES = ['quiet', 'brave', 'sunny', 'lucky', 'rapid', 'gentle', 'clever', 'misty', 'bold', 'calm', 'witty', 'amber'];
const NOUNS = ['otter', 'falcon', 'maple', 'comet', 'harbor', 'willow', 'pixel', 'tiger', 'river', 'lantern', 'meadow', 'cobalt'];
const FIRST_NAMES = ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Esi', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lena', 'Mateo', 'Noor', 'Oskar', 'Priya'];
const LAST_NAMES = ['Okafor', 'Lindqvist', 'Tanaka', 'García', 'Novak', 'Haddad', 'Kowalski', 'Silva', 'Nguyen', 'Müller', 'Rossi', 'Ahmed'];
const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Berlin', 'Lima', 'Auckland', null];
const ZONES: readonly (readonly [string, number])[] = [
  ['Pacific Time (US & Canada)', -28800],
  ['Eastern Time (US & Canada)', -18000],
  ['London', 0],
  ['Berlin', 3600],
  ['Tokyo', 32400],
];
const CLIENTS = ['web', TWEETDECK, '<a href="http://www.atebits.com/" rel="nofollow">Tweetie</a>'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** v1's `created_at` shape: `Sun Mar 18 06:42:26 +0000 2007`. */
function twitterDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const day = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}`;
  return `${day} ${time} +0000 ${d.getUTCFullYear()}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function fillerUsers(count: number, taken: Set<string>, takenIds: Set<string>): DirectoryUser[] {
  const random = seededRandom(0xbef12e4d);
  const users: DirectoryUser[] = [];
  const since2007 = Date.UTC(2007, 0, 1);
  const span = Date.UTC(2010, 0, 1) - since2007;
  for (let i = 0; users.length < count; i++) {
    const screenName = `${pick(random, ADJECTIVES)}${pick(random, NOUNS)}${i}`;
    const id = String(10_000_000 + Math.floor(random() * 900_000_000));
    if (taken.has(screenName) || takenIds.has(id)) continue;
    taken.add(screenName);
    takenIds.add(id);
    const [timeZone, utcOffset] = pick(random, ZONES);
    const created = since2007 + Math.floor(random() * span);
    const hasStatus = random() > 0.1;
    const statusesCount = hasStatus ? 1 + Math.floor(random() * 5000) : 0;
    users.push(
      user({
        id,
        screenName,
        name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
        location: pick(random, PLACES),
        description: random() > 0.3 ? `Sandbox person number ${i}.` : null,
        url: random() > 0.5 ? `http://example.com/${screenName}` : null,
        followersCount: Math.floor(random() * 100_000),
        friendsCount: Math.floor(random() * 2000),
        favouritesCount: Math.floor(random() * 500),
        createdAt: twitterDate(created),
        timeZone,
        utcOffset,
        verified: random() > 0.95,
        statusesCount,
        status: hasStatus
          ? status({
              id: String(3_000_000_000 + i),
              createdAt: twitterDate(created + Math.floor(random() * span)),
              text: `Status ${i} from ${screenName}.`,
              source: pick(random, CLIENTS),
            })
          : null,
      }),
    );
  }
  return users;
}

interface SearchableUser {
  user: DirectoryUser;
  screenName: string;
  name: string;
}

export interface Directory {
  readonly users: readonly DirectoryUser[];
  byId(id: string): DirectoryUser | undefined;
  byScreenName(screenName: string): DirectoryUser | undefined;
  /** Case-insensitive substring on screen name and name, exact matches first; no suspended users. */
  search(query: string, count: number): DirectoryUser[];
}

/** Ranks a match: exact, then prefix, then anywhere; screen name before name. */
function matchRank(entry: SearchableUser, q: string): number | null {
  if (entry.screenName === q) return 0;
  if (entry.name === q) return 1;
  if (entry.screenName.startsWith(q)) return 2;
  if (entry.name.startsWith(q)) return 3;
  if (entry.screenName.includes(q) || entry.name.includes(q)) return 4;
  return null;
}

/**
 * Builds the directory: the demo user, the hard cases, then seeded users up to `size` (never
 * fewer than the fixed ones). A larger size extends a smaller one; it never reshuffles it.
 */
export function buildDirectory(size: number = DEFAULT_DIRECTORY_SIZE, extraUsers: readonly DirectoryUser[] = []): Directory {
  const fixed = [...fixedUsers(), ...extraUsers];
  const users = [
    ...fixed,
    ...fillerUsers(
      Math.max(0, size - fixed.length),
      new Set(fixed.map((u) => u.screenName.toLowerCase())),
      new Set(fixed.map((u) => u.id)),
    ),
  ];
  const byId = new Map(users.map((u) => [u.id, u]));
  const byName = new Map(users.map((u) => [u.screenName.toLowerCase(), u]));
  const searchable: SearchableUser[] = users
    .filter((u) => !u.suspended)
    .map((u) => ({ user: u, screenName: u.screenName.toLowerCase(), name: u.name.toLowerCase() }));
  return {
    users,
    byId: (id) => byId.get(id),
    byScreenName: (screenName) => byName.get(screenName.toLowerCase()),
    search(query, count) {
      const q = query.toLowerCase();
      if (q === '' || count <= 0) return [];
      const ranked: { rank: number; index: number; user: DirectoryUser }[] = [];
      searchable.forEach((entry, index) => {
        const rank = matchRank(entry, q);
        if (rank !== null) ranked.push({ rank, index, user: entry.user });
      });
      ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
      return ranked.slice(0, count).map((r) => r.user);
    },
  };
}
