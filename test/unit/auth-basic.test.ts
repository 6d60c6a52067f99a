import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  basicCredentialsProblem,
  insecureBasicProblem,
  isLoopbackHost,
} from '../../core/auth/basic.js';

function decoded(header: string): string {
  expect(header.startsWith('Basic ')).toBe(true);
  return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
}

describe('basicAuthorization', () => {
  it("encodes RFC 7617's example", () => {
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  it('encodes a non-ASCII password as UTF-8 (RFC 7617 §2.1 test: test / 123£)', () => {
    expect(basicAuthorization('test', '123£')).toBe('Basic dGVzdDoxMjPCow==');
    expect(decoded(basicAuthorization('dougw', 'pässwörd ✓ 密码'))).toBe('dougw:pässwörd ✓ 密码');
  });

  it('keeps colons in the password (only the first colon splits)', () => {
    expect(decoded(basicAuthorization('a', 'b:c'))).toBe('a:b:c');
  });
});

describe('basicCredentialsProblem', () => {
  it('refuses an empty username or one with a colon', () => {
    expect(basicCredentialsProblem('')?.kind).toBe('invalid_request');
    expect(basicCredentialsProblem('a:b')).toMatchObject({ kind: 'invalid_request', status: null });
    expect(basicCredentialsProblem('dougw')).toBeNull();
  });
});

describe('loopback and insecure Basic', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['128.0.0.1', '10.0.0.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io', '[::2]'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('WHATWG-normalized forms of 127.0.0.1 and ::1 count', () => {
    expect(isLoopbackHost(new URL('http://127.1/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://0x7f.0.0.1/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://[0:0:0:0:0:0:0:1]:8080/').hostname)).toBe(true);
  });

  it('refuses plain http to another machine unless allowed', () => {
    const refused = insecureBasicProblem(new URL('http://social.example/api'), false);
    expect(refused).toMatchObject({ kind: 'invalid_request', status: null, code: null });
    expect(refused?.message).toContain('social.example');
    expect(insecureBasicProblem(new URL('http://social.example/api'), true)).toBeNull();
  });

  it('allows https anywhere and http to loopback', () => {
    expect(insecureBasicProblem(new URL('https://social.example/api'), false)).toBeNull();
    expect(insecureBasicProblem(new URL('http://127.0.0.1:8080/1'), false)).toBeNull();
    expect(insecureBasicProblem(new URL('http://localhost/1'), false)).toBeNull();
    expect(insecureBasicProblem(new URL('http://[::1]:3000/1'), false)).toBeNull();
  });
});
