import type { FollowOutcome, User } from '../types.js';
import { terminalSafe } from './terminal-text.js';

const COUNT = new Intl.NumberFormat('en-US');

function count(value: number | null, label: string): string | null {
  return value === null ? null : `${COUNT.format(value)} ${label}`;
}

function joined(createdAt: string | null): string | null {
  if (createdAt === null) return null;
  const date = new Date(createdAt);
  return `joined ${date.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
}

function present(parts: readonly (string | null)[]): string[] {
  return parts.filter((p): p is string => p !== null && p !== '');
}

export function outcomeLine(outcome: FollowOutcome, screenName: string): string {
  const who = `@${terminalSafe(screenName)}`;
  switch (outcome) {
    case 'followed':
      return `Now following ${who}.`;
    case 'request_pending':
      return `Follow request sent to ${who}: the account is protected and must approve it.`;
    case 'already_following':
      return `Already following ${who}.`;
  }
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
    count(user.followersCount, 'followers'),
    count(user.friendsCount, 'following'),
    count(user.statusesCount, 'statuses'),
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
