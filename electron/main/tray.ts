import { Menu, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { HistoryEntry } from '../../core/history-entry.js';
import type { TrayPort } from './services.js';

export const RECENT_IN_TRAY = 5;

export interface TrayActions {
  quickFollow(): void;
  openProfile(entry: HistoryEntry): void;
  openMain(): void;
  quit(): void;
}

/** The last follows that went through (not failures, not undos), newest first, one per person. */
export function recentFollows(entries: readonly HistoryEntry[], limit = RECENT_IN_TRAY): HistoryEntry[] {
  const seen = new Set<string>();
  const recent: HistoryEntry[] = [];
  for (const entry of entries) {
    if (entry.action !== 'follow' || entry.outcome === 'failed' || entry.user === null) continue;
    const key = `${entry.accountId}\u0000${entry.user.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    recent.push(entry);
    if (recent.length === limit) break;
  }
  return recent;
}

/** Menu labels treat `&` as an access-key marker on Windows; names are shown as typed. */
function plain(text: string): string {
  return text.replaceAll('&', '&&');
}

export function trayMenuTemplate(recent: readonly HistoryEntry[], actions: TrayActions): MenuItemConstructorOptions[] {
  const follows: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No follows yet', enabled: false }]
      : recent.map((entry) => ({
          label: plain(
            entry.user?.name ? `@${entry.user.screenName} — ${entry.user.name}`.slice(0, 60) : `@${entry.user?.screenName ?? entry.target}`,
          ),
          click: () => actions.openProfile(entry),
        }));
  return [
    { label: 'Quick follow…', click: () => actions.quickFollow() },
    { type: 'separator' },
    { label: 'Recent follows', enabled: false },
    ...follows,
    { type: 'separator' },
    { label: 'Open Befriend', click: () => actions.openMain() },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

/**
 * The tray icon and its menu, rebuilt whenever the recent follows change. It can be turned off
 * (and some desktops, like GNOME without an extension, never show it): the app then works from
 * its window and the shortcut alone.
 */
export class TrayController implements TrayPort {
  readonly #icon: NativeImage | string;
  readonly #actions: TrayActions;
  readonly #history: () => Promise<HistoryEntry[]>;
  #tray: Tray | null = null;
  #tooltip: string | null = null;
  #rebuilding: Promise<void> = Promise.resolve();

  constructor(options: { icon: NativeImage | string; actions: TrayActions; history: () => Promise<HistoryEntry[]> }) {
    this.#icon = options.icon;
    this.#actions = options.actions;
    this.#history = options.history;
  }

  setEnabled(enabled: boolean): void {
    if (enabled && this.#tray === null) {
      this.#tray = new Tray(this.#icon);
      this.#tray.setToolTip(this.#tooltip ?? 'Befriend');
      this.#tray.on('click', () => this.#actions.quickFollow());
      this.refresh();
    } else if (!enabled && this.#tray !== null) {
      this.#tray.destroy();
      this.#tray = null;
    }
  }

  setTooltip(text: string | null): void {
    this.#tooltip = text;
    this.#tray?.setToolTip(text ?? 'Befriend');
  }

  isActive(): boolean {
    return this.#tray !== null;
  }

  refresh(): void {
    this.#rebuilding = this.#rebuilding.then(() => this.rebuild()).catch(() => undefined);
  }

  /** Resolves once the menu reflects the history as it is now. */
  async rebuild(): Promise<void> {
    if (this.#tray === null) return;
    const recent = recentFollows(await this.#history());
    this.#tray?.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(recent, this.#actions)));
  }

  /** Waits for pending rebuilds (tests, and quitting cleanly). */
  settled(): Promise<void> {
    return this.#rebuilding;
  }
}
