import type { App } from 'electron';
import { deepLinkInArgv } from './deep-links.js';

export type InstanceApp = Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>;

/**
 * `befriend --quick-follow` opens the quick-follow window, in the running instance if there is
 * one: desktops where global shortcuts are not available to apps (GNOME on Wayland) can bind
 * their own keyboard shortcut to this command instead.
 */
export const QUICK_FOLLOW_FLAG = '--quick-follow';

export function wantsQuickFollow(argv: readonly string[]): boolean {
  return argv.includes(QUICK_FOLLOW_FLAG);
}

/**
 * Befriend runs once: a second launch hands its command line (maybe a `befriend://` link, or
 * `--quick-follow`) to the first and quits. Returns false in the second instance, which must
 * not start anything.
 */
export function claimSingleInstance(
  app: InstanceApp,
  handlers: { onSecondInstance(quickFollow: boolean): void; onDeepLink(url: string): void },
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    handlers.onSecondInstance(wantsQuickFollow(argv));
    const link = deepLinkInArgv(argv);
    if (link !== null) handlers.onDeepLink(link);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    handlers.onDeepLink(url);
  });
  return true;
}
