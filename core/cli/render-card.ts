import type { Target } from '../target.js';
import type { FollowOutcome, User } from '../types.js';
import { terminalSafe } from './cli-io.js';

/*
 * The card is English with en-US digit grouping, written without Intl: Intl's first use starts
 * ICU, about 15 ms, a tenth of a whole `befriend follow` process, for two fixed formats.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A whole count, 1036 → "1,036". */
function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

function count(value: number | null, one: string, many: string = one): string | null {
  return value === null ? null : `${groupDigits(value)} ${value === 1 ? one : many}`;
}

function joined(createdAt: string | null): string | null {
  if (createdAt === null) return null;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return null;
  return `joined ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function present(parts: readonly (string | null)[]): string[] {
  return parts.filter((p): p is string => p !== null && p !== '');
}

const OUTCOME_LINES: Readonly<Record<FollowOutcome, (who: string) => string>> = {
  followed: (who) => `Now following ${who}.`,
  request_pending: (who) => `Follow request sent to ${who}: the account is protected and must approve it.`,
  already_following: (who) => `Already following ${who}.`,
};

/** `who` is the person the server named, or else the target as it was typed: `user 3` is no `@3`. */
export function outcomeLine(outcome: FollowOutcome, who: string | Target): string {
  return OUTCOME_LINES[outcome](typeof who === 'string' ? `@${terminalSafe(who)}` : targetAsTyped(who));
}

function targetAsTyped(target: Target): string {
  const value = terminalSafe(target.value);
  return target.form === 'screen_name' || !/^[0-9]+$/.test(target.value) ? `@${value}` : `user ${value}`;
}

/** The profile card and latest status, as plain terminal text. */
export function renderCard(user: User): string {
  const badges = present([user.verified ? '[verified]' : null, user.protected ? '[protected]' : null]);
  const lines: string[] = [
    present([user.name === null ? null : terminalSafe(user.name), `@${terminalSafe(user.screenName)}`, ...badges]).join('  '),
  ];
  const where = present([user.location && terminalSafe(user.location), user.url && terminalSafe(user.url)]);
  if (where.length > 0) lines.push(where.join(' · '));
  if (user.description !== null) lines.push(terminalSafe(user.description));
  const numbers = present([
    count(user.followersCount, 'follower', 'followers'),
    count(user.friendsCount, 'following'),
    count(user.statusesCount, 'status', 'statuses'),
    joined(user.createdAt),
  ]);
  if (numbers.length > 0) lines.push(numbers.join(' · '));
  const status = user.latestStatus;
  if (status === null) {
    lines.push('', 'No status to show.');
  } else {
    const heading = present([
      'Latest status',
      status.createdAt,
      status.source === null ? null : `via ${terminalSafe(status.source.name)}`,
    ]).join(' · ');
    lines.push('', `${heading}:`, `  ${terminalSafe(status.text ?? '')}`);
  }
  return lines.join('\n');
}
