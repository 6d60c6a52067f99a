import { lazy, Suspense, useEffect } from 'react';
import { Busy } from './components/Busy.js';
import { ClockIcon, GearIcon, ListIcon, UserPlusIcon } from './components/Icons.js';
import { LiveRegion } from './components/LiveRegion.js';
import { isMacPlatform } from './lib/shortcut.js';
import { useTheme } from './lib/theme.js';
import { FollowScreen } from './screens/FollowScreen.js';
import { HistoryScreen } from './screens/HistoryScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { WelcomeScreen } from './screens/WelcomeScreen.js';
import { useApp, useAppStore } from './store/context.js';
import type { Screen } from './store/screen-slice.js';

/** Bulk follow is a screen few people open often: its code loads when it is first shown. */
const BulkScreen = lazy(() => import('./screens/bulk/BulkScreen.js').then((module) => ({ default: module.BulkScreen })));

const NAV: { screen: Exclude<Screen, 'loading' | 'welcome'>; label: string; icon: typeof ClockIcon }[] = [
  { screen: 'follow', label: 'Follow', icon: UserPlusIcon },
  { screen: 'bulk', label: 'Bulk', icon: ListIcon },
  { screen: 'history', label: 'History', icon: ClockIcon },
  { screen: 'settings', label: 'Settings', icon: GearIcon },
];

function AccountPicker() {
  const accounts = useApp((s) => s.accounts);
  const activeId = useApp((s) => s.activeId);
  const actions = useAppStore().getState();
  if (accounts.length === 0) return null;
  return (
    <div className="account-picker">
      <label htmlFor="account-picker">Following as</label>
      <select
        id="account-picker"
        className="select"
        value={activeId ?? ''}
        onChange={(event) => void actions.switchAccount(event.target.value)}
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function BannerLine() {
  const banner = useApp((s) => s.banner);
  const actions = useAppStore().getState();
  if (banner === null) return null;
  const tone = banner.level === 'error' ? ' danger' : banner.level === 'warning' ? ' warning' : '';
  return (
    <div className={`notice banner${tone}`}>
      <p>{banner.message}</p>
      <div className="notice-actions">
        <button type="button" className="button small quiet" onClick={() => actions.showBanner(null)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

function useGlobalKeys(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const { screen, go, focusSearch } = store.getState();
      if (screen === 'loading' || screen === 'welcome') return;
      if (event.key === 'k' || event.key === 'K') {
        event.preventDefault();
        if (screen !== 'follow') go('follow');
        else focusSearch();
      } else if (event.key === ',') {
        event.preventDefault();
        go('settings');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

export function App() {
  const screen = useApp((s) => s.screen);
  const theme = useApp((s) => s.settings?.settings.theme ?? 'system');
  const mod = isMacPlatform() ? '⌘' : 'Ctrl';
  const store = useAppStore();
  const actions = store.getState();
  useTheme(theme);
  useGlobalKeys();
  useEffect(() => store.getState().listen(), [store]);
  useEffect(() => {
    void store.getState().init();
  }, [store]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            b
          </span>
          Befriend
        </span>
        {screen !== 'welcome' && screen !== 'loading' ? (
          <>
            <AccountPicker />
            <nav className="nav" aria-label="Main">
              {NAV.map(({ screen: target, label, icon: Icon }) => (
                <button
                  key={target}
                  type="button"
                  className="button quiet small"
                  aria-current={screen === target ? 'page' : undefined}
                  title={target === 'settings' ? `Settings (${mod}+,)` : target === 'follow' ? `Follow (${mod}+K)` : undefined}
                  onClick={() => actions.go(target)}
                >
                  <Icon />
                  {label}
                </button>
              ))}
            </nav>
          </>
        ) : null}
      </header>
      <main className="content" aria-busy={screen === 'loading'}>
        <BannerLine />
        {screen === 'welcome' ? <WelcomeScreen /> : null}
        {screen === 'follow' ? <FollowScreen /> : null}
        {screen === 'bulk' ? (
          <Suspense fallback={<Busy>Loading…</Busy>}>
            <BulkScreen />
          </Suspense>
        ) : null}
        {screen === 'history' ? <HistoryScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
      </main>
      <LiveRegion />
    </div>
  );
}
