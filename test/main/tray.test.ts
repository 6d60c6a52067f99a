import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../core/history-entry.js';
import type { User } from '../../core/types.js';
import { FakeTray } from './electron-fakes.js';
import { resetElectron } from './electron-module.js';

vi.mock('electron', async () => (await import('./electron-module.js')).electronModule);

const { TrayController, recentFollows, trayMenuTemplate } = await import('../../electron/main/tray.js');

function user(screenName: string, name: string | null = null): User {
  return { id: `id-${screenName}`, screenName, name } as User;
}

let seq = 0;
function entry(screenName: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  seq += 1;
  return {
    id: `h${seq}`,
    at: new Date(seq * 1000).toISOString(),
    action: 'follow',
    accountId: 'a1',
    accountLabel: 'Demo',
    target: `@${screenName}`,
    outcome: 'followed',
    user: user(screenName, screenName === 'dougw' ? 'Doug Williams' : null),
    error: null,
    ...overrides,
  };
}

function actions() {
  const calls: string[] = [];
  return {
    calls,
    quickFollow: () => calls.push('quick'),
    openProfile: (e: HistoryEntry) => calls.push(`profile:${e.user?.screenName}`),
    openMain: () => calls.push('main'),
    quit: () => calls.push('quit'),
  };
}

beforeEach(() => resetElectron());

describe('recentFollows', () => {
  it('keeps the last 5 follows that went through, one per person, newest first', () => {
    const history = [
      entry('a'),
      entry('b', { outcome: 'failed', user: null }),
      entry('c', { action: 'unfollow', outcome: 'unfollowed' }),
      entry('a'),
      entry('d', { outcome: 'request_pending' }),
      entry('e', { outcome: 'already_following' }),
      entry('f'),
      entry('g'),
      entry('h'),
    ];
    expect(recentFollows(history).map((e) => e.user?.screenName)).toEqual(['a', 'd', 'e', 'f', 'g']);
  });
});

describe('the tray menu', () => {
  it('has Quick follow…, the recent follows, Open Befriend and Quit, each doing its job', () => {
    const act = actions();
    const template = trayMenuTemplate([entry('dougw'), entry('R&D')], act);
    expect(template.map((i) => i.label ?? i.type)).toEqual([
      'Quick follow…',
      'separator',
      'Recent follows',
      '@dougw — Doug Williams',
      '@R&&D',
      'separator',
      'Open Befriend',
      'Quit',
    ]);
    for (const item of template) (item.click as (() => void) | undefined)?.();
    expect(act.calls).toEqual(['quick', 'profile:dougw', 'profile:R&D', 'main', 'quit']);
  });

  it('says so when there are no follows yet', () => {
    expect(trayMenuTemplate([], actions()).find((i) => i.label === 'No follows yet')?.enabled).toBe(false);
  });
});

describe('TrayController', () => {
  it('creates the tray, rebuilds its menu when history changes, and can be turned off', async () => {
    let history = [entry('dougw')];
    const act = actions();
    const tray = new TrayController({ icon: '/icon.png', actions: act, history: async () => history });
    tray.setEnabled(true);
    await tray.settled();
    const created = FakeTray.instances[0]!;
    expect(tray.isActive()).toBe(true);
    expect(created.tooltip).toBe('Befriend');
    expect(created.menu?.template.map((i) => i.label)).toContain('@dougw — Doug Williams');

    history = [entry('newone'), ...history];
    tray.refresh();
    await tray.settled();
    expect(created.menus).toHaveLength(2);
    expect(created.menu?.template.map((i) => i.label)).toContain('@newone');

    created.emit('click');
    expect(act.calls).toEqual(['quick']);

    tray.setEnabled(false);
    expect(created.destroyed).toBe(true);
    expect(tray.isActive()).toBe(false);
    tray.refresh();
    await tray.settled();
    expect(created.menus).toHaveLength(2);
  });

  it('survives a history that cannot be read', async () => {
    const tray = new TrayController({
      icon: '/icon.png',
      actions: actions(),
      history: async () => {
        throw new Error('disk');
      },
    });
    tray.setEnabled(true);
    await tray.settled();
    expect(tray.isActive()).toBe(true);
  });
});
