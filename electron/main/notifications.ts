import { Notification } from 'electron';
import type { FollowOutcome, User } from '../../core/types.js';

export function followNotificationText(user: Pick<User, 'screenName' | 'name'>, outcome: FollowOutcome): { title: string; body: string } {
  const handle = `@${user.screenName}`;
  const title =
    outcome === 'followed'
      ? `Now following ${handle}`
      : outcome === 'request_pending'
        ? `Follow request sent to ${handle}`
        : `Already following ${handle}`;
  return { title, body: user.name ?? handle };
}

/** Notifications the system still shows: without a reference, a click can be lost to GC. */
const live = new Set<Notification>();

/** Shows a notification with the given text; a click runs `onClick`. */
export function showNotification(text: { title: string; body: string }, onClick: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ ...text, silent: true });
  live.add(notification);
  notification.on('click', () => {
    live.delete(notification);
    onClick();
  });
  notification.on('close', () => live.delete(notification));
  notification.show();
  return true;
}

/** Shows the notification after a quick-follow; a click opens the profile. */
export function showFollowNotification(user: User, outcome: FollowOutcome, onClick: () => void): boolean {
  return showNotification(followNotificationText(user, outcome), onClick);
}
