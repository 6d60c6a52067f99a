import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from '../../electron/main/app-protocol.js';
import { contentSecurityPolicy, hardenSession, hardenWebContents, externalUrl } from '../../electron/main/security.js';
import { FakeWebContents, fakeEvent, fakeSession } from './electron-fakes.js';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)]));
}

describe('Content-Security-Policy', () => {
  it('allows only our own scripts and styles, no network from the page, no inline code', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('in development allows the dev server, and only it', () => {
    const csp = directives(contentSecurityPolicy({ dev: { origin: 'http://localhost:5173' } }));
    expect(csp.get('script-src')).toBe("'self' http://localhost:5173");
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(csp.get('script-src')).not.toMatch(/unsafe/);
  });
});

describe('hardenSession', () => {
  it('denies every permission request, check and device', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, 'default-src x');
    const { requestHandler, checkHandler, deviceHandler } = handlers();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'] as const) {
      requestHandler!({} as Electron.WebContents, permission, (granted) => answers.push(granted), {} as Electron.PermissionRequest);
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(checkHandler!(null, 'media', 'app://befriend', {} as Electron.PermissionCheckHandlerHandlerDetails)).toBe(false);
    expect(deviceHandler!({} as Electron.DevicePermissionHandlerHandlerDetails)).toBe(false);
  });

  it('puts our CSP on every response, replacing any the response brought', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, "default-src 'none'");
    let headers: Record<string, string | string[]> | undefined;
    handlers().headersListener!(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } } as unknown as Electron.OnHeadersReceivedListenerDetails,
      (response) => {
        headers = response.responseHeaders;
      },
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
      'X-Content-Type-Options': ['nosniff'],
      'Referrer-Policy': ['no-referrer'],
    });
  });
});

describe('hardenWebContents', () => {
  it('blocks navigation, redirects and webviews, and denies window.open', () => {
    const contents = new FakeWebContents();
    const blocked: string[] = [];
    hardenWebContents(contents as unknown as Electron.WebContents, (what) => blocked.push(what));
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent();
      contents.emit(name, event, { url: 'https://evil.example' });
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(contents.windowOpenHandler!({ url: 'https://example.org' } as Electron.HandlerDetails)).toEqual({ action: 'deny' });
    expect(blocked).toEqual(['navigation', 'redirect', 'webview', 'window.open']);
  });
});

describe('externalUrl', () => {
  it('lets only http(s) out to the system browser', () => {
    expect(externalUrl('https://example.org')).toBe('https://example.org/');
    expect(externalUrl('http://example.org')).toBe('http://example.org/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://befriend/x', 'smb://host/share', 'befriend://follow/x', 'not a url']) {
      expect(externalUrl(url), url).toBeNull();
    }
  });

  it('gives the address as the parser read it, which is what gets opened (issue 13)', () => {
    expect(externalUrl('  https://exa\tmple.org/a b?q=1#x\n')).toBe('https://example.org/a%20b?q=1#x');
    expect(externalUrl('HTTPS://EXAMPLE.org:443/%7Euser')).toBe('https://example.org/%7Euser');
  });
});

describe('the app:// protocol', () => {
  let base: string;
  let root: string;
  const CSP = "default-src 'none'";

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'befriend-protocol-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Befriend</title>');
    await writeFile(join(root, 'assets', 'a.js'), 'console.log(1)');
    await writeFile(join(base, 'secret.txt'), 'outside');
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('is registered with only standard and secure privileges', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('serves our pages with the CSP and the right types', async () => {
    const page = await serveAppRequest(new Request('app://befriend/index.html'), root, CSP);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('Befriend');
    const script = await serveAppRequest(new Request('app://befriend/assets/a.js'), root, CSP);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serveAppRequest(new Request('app://befriend/'), root, CSP)).status).toBe(200);
  });

  it('refuses anything outside the renderer directory, other hosts and other methods', async () => {
    for (const url of [
      'app://befriend/../secret.txt',
      'app://befriend/%2e%2e/secret.txt',
      'app://befriend/assets/..%2f..%2fsecret.txt',
      'app://befriend/missing.html',
      'app://other/index.html',
      'app://befriend/index.html%00.js',
    ]) {
      const response = await serveAppRequest(new Request(url), root, CSP);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
    }
    const post = await serveAppRequest(new Request('app://befriend/index.html', { method: 'POST', body: 'x' }), root, CSP);
    expect(post.status).toBe(405);
  });
});
