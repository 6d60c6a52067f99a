import type { User } from '../../../electron/shared/domain.js';
import { formatCompactCount } from '../lib/format.js';
import { Avatar } from './Avatar.js';

interface SuggestionsProps {
  id: string;
  users: User[];
  highlighted: number;
  onHighlight: (index: number) => void;
  onChoose: (index: number) => void;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

function followerLabel(count: number | null): string | null {
  if (count === null) return null;
  return `${formatCompactCount(count)} ${count === 1 ? 'follower' : 'followers'}`;
}

/** The search-as-you-type rows; focus stays in the input, which points at the highlighted row. */
export function Suggestions({ id, users, highlighted, onHighlight, onChoose }: SuggestionsProps) {
  return (
    <ul id={id} role="listbox" aria-label="Matching accounts" className="suggestions">
      {users.map((user, index) => {
        const name = user.name ?? user.screenName;
        const followers = followerLabel(user.followersCount);
        return (
          <li
            key={user.id}
            id={optionId(id, index)}
            role="option"
            aria-selected={index === highlighted}
            className="suggestion"
            onMouseMove={() => {
              if (index !== highlighted) onHighlight(index);
            }}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChoose(index)}
          >
            <Avatar url={user.profileImageUrl} name={name} size={36} />
            <span className="suggestion-names">
              <span className="suggestion-name">
                <bdi>{name}</bdi>
              </span>
              <span className="suggestion-handle">
                @<bdi>{user.screenName}</bdi>
                {followers ? <span className="suggestion-followers"> · {followers}</span> : null}
              </span>
            </span>
            <span className="suggestion-badges">
              {user.verified ? <span className="badge accent">Verified</span> : null}
              {user.protected ? <span className="badge warning">Protected</span> : null}
              {user.following ? <span className="badge success">Following</span> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
