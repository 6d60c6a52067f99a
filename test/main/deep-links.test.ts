import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseDeepLink } from '../../electron/main/deep-links.js';
import { registerProtocolClient } from '../../electron/main/protocol-client.js';
import { claimSingleInstance } from '../../electron/main/single-instance.js';
import { fakeEvent } from './electron-fakes.js';

describe('parseDeepLink', () => {
  it('reads befriend://follow/<name> as an offer to follow that screen name', () => {
    expect(parseDeepLink('befriend://follow/dougw')).toEqual({ action: 'follow', target: '@dougw' });
    expect(parseDeepLink('befriend://follow/@dougw')).toEqual({ action: 'follow', target: '@dougw' });
    expect(parseDeepLink('befriend://follow/101010/')).toEqual({ action: 'follow', target: '@101010' });
    expect(parseDeepLink('BEFRIEND://follow/%D8%B9%D9%84%D9%8A')).toEqual({ action: 'follow', target: '@علي' });
  });

  it("reads a percent-encoded profile URL, GNU social's /index.php/ forms included, and nothing that is not one", () => {
    const link = (url: string) => `befriend://follow/${encodeURIComponent(url)}`;
    expect(parseDeepLink(link('http://social.example/index.php/dougw'))).toEqual({ action: 'follow', target: 'http://social.example/index.php/dougw' });
    expect(parseDeepLink(link('http://social.example/index.php/user/3'))).toEqual({ action: 'follow', target: 'http://social.example/index.php/user/3' });
    expect(parseDeepLink(link('http://social.example/a/b/c'))).toBeNull();
    expect(parseDeepLink(link('javascript:alert(1)'))).toBeNull();
  });

  it('ignores everything else', () => {
    for (const url of [
      'befriend://unfollow/dougw',
      'befriend://follow/',
      'befriend://follow/a/b',
      'befriend://follow/dougw?notify=true',
      'befriend://follow/..%2Fetc',
      'befriend://follow/do%20ugw',
      'befriend://follow/%E0%A4%A',
      `befriend://follow/${'a'.repeat(65)}`,
      'befriend://user:pass@follow/dougw',
      'https://follow/dougw',
      'not a url',
    ]) {
      expect(parseDeepLink(url), url).toBeNull();
    }
  });

  it('finds the link in a command line', () => {
    expect(deepLinkInArgv(['/usr/bin/befriend', '--flag', 'befriend://follow/dougw'])).toBe('befriend://follow/dougw');
    expect(deepLinkInArgv(['/usr/bin/befriend'])).toBeNull();
  });
});

class FakeApp extends EventEmitter {
  lock: boolean;
  quitCalls = 0;
  protocolCalls: unknown[][] = [];
  constructor(lock: boolean) {
    super();
    this.lock = lock;
  }
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.protocolCalls.push(args);
    return true;
  }
}
FakeApp satisfies new (lock: boolean) => Pick<Electron.App, 'requestSingleInstanceLock' | 'quit' | 'setAsDefaultProtocolClient'>;

describe('single instance', () => {
  it('the second instance quits without starting anything', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app as unknown as Electron.App, { onSecondInstance: () => undefined, onDeepLink: () => undefined })).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance comes forward and handles links from second launches and open-url', () => {
    const app = new FakeApp(true);
    const calls: string[] = [];
    const primary = claimSingleInstance(app as unknown as Electron.App, {
      onSecondInstance: (quick) => calls.push(quick ? 'quick' : 'focus'),
      onDeepLink: (url) => calls.push(url),
    });
    expect(primary).toBe(true);
    app.emit('second-instance', fakeEvent(), ['/usr/bin/befriend']);
    app.emit('second-instance', fakeEvent(), ['/usr/bin/befriend', 'befriend://follow/dougw']);
    app.emit('second-instance', fakeEvent(), ['/usr/bin/befriend', '--quick-follow']);
    const openUrl = fakeEvent();
    app.emit('open-url', openUrl, 'befriend://follow/101010');
    expect(openUrl.defaultPrevented).toBe(true);
    expect(calls).toEqual(['focus', 'focus', 'befriend://follow/dougw', 'quick', 'befriend://follow/101010']);
    expect(app.quitCalls).toBe(0);
  });
});

describe('registerProtocolClient', () => {
  it('registers befriend:// for the packaged app, and with the entry script when run from source', () => {
    const packaged = new FakeApp(true);
    registerProtocolClient(packaged as unknown as Electron.App, { execPath: '/opt/Befriend/befriend', argv: ['/opt/Befriend/befriend'] });
    expect(packaged.protocolCalls).toEqual([['befriend']]);
    const dev = new FakeApp(true);
    registerProtocolClient(dev as unknown as Electron.App, { defaultApp: true, execPath: '/x/electron', argv: ['/x/electron', '/repo/out/main/index.js'] });
    expect(dev.protocolCalls).toEqual([['befriend', '/x/electron', ['/repo/out/main/index.js']]]);
  });
});
