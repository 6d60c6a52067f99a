import { useState, type ReactNode } from 'react';
import type { User } from '../../../electron/shared/domain.js';
import { formatExact, formatJoined, formatRelative } from '../lib/format.js';
import { displayUrl } from '../lib/status-text.js';
import { Avatar } from './Avatar.js';
import { ExternalLink } from './ExternalLink.js';
import { Stat } from './Stat.js';
import { StatusText } from './StatusText.js';

interface ProfileCardProps {
  user: User;
  /** The outcome line and its actions, shown at the top of the card. */
  outcome?: ReactNode;
  onMention: (screenName: string) => void;
  now?: Date;
}

/** Past this many characters a description starts folded, so the status stays in view. */
const LONG_DESCRIPTION = 320;

function Description({ text, onMention }: { text: string; onMention: (screenName: string) => void }) {
  const long = text.length > LONG_DESCRIPTION;
  const [open, setOpen] = useState(false);
  return (
    <>
      <p id="profile-description" className={`profile-description${long && !open ? ' clamped' : ''}`}>
        <StatusText text={text} onMention={onMention} />
      </p>
      {long ? (
        <button
          type="button"
          className="link-button show-more"
          aria-expanded={open}
          aria-controls="profile-description"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : 'Show more'}
        </button>
      ) : null}
    </>
  );
}

export function ProfileCard({ user, outcome, onMention, now }: ProfileCardProps) {
  const displayName = user.name ?? user.screenName;
  const joined = formatJoined(user.createdAt);
  const status = user.latestStatus;
  return (
    <article className="card profile-card" aria-labelledby="profile-name">
      {outcome}
      <header className="profile-head">
        <Avatar url={user.profileImageUrl} name={displayName} size={64} />
        <div className="profile-names">
          <h2 id="profile-name" className="profile-name">
            <bdi>{displayName}</bdi>
          </h2>
          <p className="profile-handle">
            @<bdi>{user.screenName}</bdi>
          </p>
          <p className="profile-badges">
            {user.verified ? <span className="badge accent">Verified</span> : null}
            {user.protected ? <span className="badge warning">Protected</span> : null}
          </p>
        </div>
      </header>

      {user.description ? <Description key={user.id} text={user.description} onMention={onMention} /> : null}

      <ul className="profile-facts">
        {user.location ? (
          <li>
            <span className="fact-label">Location</span> <bdi>{user.location}</bdi>
          </li>
        ) : null}
        {user.url ? (
          <li>
            <span className="fact-label">Website</span>{' '}
            <ExternalLink href={user.url}>{displayUrl(user.url)}</ExternalLink>
          </li>
        ) : null}
        {joined ? (
          <li>
            <span className="fact-label">Joined</span> {joined}
          </li>
        ) : null}
      </ul>

      <dl className="profile-stats">
        <Stat value={user.followersCount} label="Followers" />
        <Stat value={user.friendsCount} label="Following" />
        <Stat value={user.statusesCount} label="Posts" />
      </dl>

      <section className="latest-status" aria-label="Latest status">
        <h3 className="section-title">Latest status</h3>
        {status?.text ? (
          <>
            <p className="status-text">
              <StatusText text={status.text} onMention={onMention} />
            </p>
            <p className="status-meta">
              {status.createdAt ? (
                <time dateTime={status.createdAt} title={formatExact(status.createdAt) ?? undefined}>
                  {formatRelative(status.createdAt, now)}
                </time>
              ) : null}
              {status.source ? (
                <>
                  {status.createdAt ? ' · ' : null}
                  via <ExternalLink href={status.source.url}>{status.source.name}</ExternalLink>
                </>
              ) : null}
            </p>
          </>
        ) : (
          <p className="status-empty">
            {user.protected ? 'Their posts are visible to approved followers only.' : 'No posts yet.'}
          </p>
        )}
      </section>
    </article>
  );
}
