import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confSettingsFileOptions, DEFAULT_SETTINGS, readSettings, type SettingsFileData } from '../../core/settings-file.js';
import { openWithRecovery } from '../../core/store-recovery.js';
import { VERSION } from '../../core/version.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'befriend-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the settings file', () => {
  it('starts with defaults: no accounts, the sandbox not yet offered, Ctrl+Alt+F', () => {
    const store = new Conf<SettingsFileData>(confSettingsFileOptions(dir));
    expect(store.get('accounts')).toEqual([]);
    expect(store.get('firstRunDone')).toBe(false);
    expect(readSettings(store)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.shortcut).toBe('CommandOrControl+Alt+F');
  });

  it('refuses writes that break the schema (a secret in an account record, a bad setting)', () => {
    const store = new Conf<SettingsFileData>(confSettingsFileOptions(dir));
    const account = {
      id: 'a1',
      label: 'x',
      profile: 'custom',
      apiBase: 'http://h/1',
      oauthBase: null,
      authMode: 'basic',
      username: 'u',
      format: 'json',
      notifyByDefault: false,
      allowInsecureBasic: false,
      hasUserSearch: true,
      self: null,
      sandbox: false,
      secretPersisted: false,
      createdAt: 'now',
    } as const;
    store.set('accounts', [account]);
    expect(() => store.set('accounts', [{ ...account, password: 'hunter2' } as never])).toThrow(/schema/);
    expect(() => store.set('settings', { ...DEFAULT_SETTINGS, theme: 'neon' } as never)).toThrow(/schema/);
    expect(() => store.set('secrets', { a1: 'not base64 !' })).toThrow(/schema/);
  });

  it('migrates a file from an earlier build: missing account fields from the profile, new settings keys', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        __internal__: { migrations: { version: '0.0.1' } },
        accounts: [
          {
            id: 'old1',
            label: 'Old GNU social',
            profile: 'gnusocial',
            apiBase: 'https://social.example/api',
            authMode: 'basic',
            username: 'me',
          },
        ],
        activeAccountId: 'old1',
        secrets: {},
        settings: { shortcut: 'Ctrl+Alt+G', trayEnabled: false },
        quickWindowPosition: null,
        firstRunDone: true,
      }),
    );
    const store = new Conf<SettingsFileData>(confSettingsFileOptions(dir));
    expect(store.get('accounts')[0]).toMatchObject({
      id: 'old1',
      hasUserSearch: false,
      format: 'json',
      oauthBase: null,
      sandbox: false,
      secretPersisted: false,
      self: null,
    });
    expect(readSettings(store)).toMatchObject({ shortcut: 'Ctrl+Alt+G', trayEnabled: false, notificationsEnabled: true });
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.__internal__.migrations.version).toBe(VERSION);
    expect(onDisk.settings.notificationsEnabled).toBe(true);
  });
});

describe('an unreadable settings file', () => {
  const at = () => new Date('2026-11-27T10:00:00Z');
  const open = () => new Conf<SettingsFileData>(confSettingsFileOptions(dir));

  it('is moved aside, kept as it was, and a fresh store opens', async () => {
    await writeFile(join(dir, 'settings.json'), '{"accounts": [');
    const { store, movedAside } = openWithRecovery(open, join(dir, 'settings.json'), at);
    expect(movedAside).toBe(join(dir, 'settings.json.unreadable-2026-11-27T10-00-00.000Z'));
    expect(await readFile(movedAside!, 'utf8')).toBe('{"accounts": [');
    expect(store.get('accounts')).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.unreadable-2026-11-27T10-00-00.000Z']);
  });

  it('also when it breaks the schema', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ settings: { ...DEFAULT_SETTINGS, theme: 'neon' } }));
    expect(() => open()).toThrow(/schema/);
    const { store, movedAside } = openWithRecovery(open, join(dir, 'settings.json'), at);
    expect(movedAside).not.toBeNull();
    expect(readSettings(store).theme).toBe('system');
  });

  it('a readable file is opened as it is', async () => {
    open().set('firstRunDone', true);
    const { store, movedAside } = openWithRecovery(open, join(dir, 'settings.json'), at);
    expect(movedAside).toBeNull();
    expect(store.get('firstRunDone')).toBe(true);
  });

  it('a failure that is not the file is reported, not hidden', () => {
    expect(() =>
      openWithRecovery(() => {
        throw new Error('EACCES');
      }, join(dir, 'settings.json')),
    ).toThrow('EACCES');
  });
});
