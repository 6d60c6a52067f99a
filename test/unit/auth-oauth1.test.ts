import { describe, expect, it } from 'vitest';
import {
  defaultNonce,
  hmacSha1,
  oauthAuthorization,
  protocolParams,
  signatureBaseString,
  signingKey,
} from '../../core/auth/oauth1.js';

/** `OAuth a="1", b="2"` → { a: '1', b: '2' }, values percent-decoded. */
function headerParams(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  const params: Record<string, string> = {};
  for (const part of header.slice('OAuth '.length).split(', ')) {
    const match = /^([a-z_]+)="([^"]*)"$/.exec(part);
    expect(match, part).not.toBeNull();
    params[match![1]!] = decodeURIComponent(match![2]!);
  }
  return params;
}

describe('RFC 5849 §3.4.1.1: the signature base string', () => {
  // The RFC's request: query `b5=%3D%253D&a3=a&c%40=&a2=r%20b`, form body `c2&a3=2+q`, realm excluded.
  it('decodes query and body (including + as space), keeps repeated names and sorts by name then value', () => {
    const base = signatureBaseString(
      'POST',
      new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b'),
      new URLSearchParams('c2&a3=2+q'),
      {
        oauth_consumer_key: '9djdj82h48djs9d2',
        oauth_token: 'kkk9d7dh3k39sjv7',
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: '137131201',
        oauth_nonce: '7d8f3e4a',
      },
    );
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('lowercases scheme and host and drops the default port (§3.4.1.2)', () => {
    const protocol = { oauth_nonce: 'n' };
    expect(signatureBaseString('get', new URL('HTTP://Example.COM:80/r/Path'), null, protocol)).toBe(
      'GET&http%3A%2F%2Fexample.com%2Fr%2FPath&oauth_nonce%3Dn',
    );
    expect(signatureBaseString('GET', new URL('https://www.example.net:8080/?q=1'), null, protocol)).toBe(
      'GET&https%3A%2F%2Fwww.example.net%3A8080%2F&oauth_nonce%3Dn%26q%3D1',
    );
  });
});

describe('known signatures', () => {
  const photos = {
    file: 'vacation.jpg',
    size: 'original',
    keys: {
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      token: 'nnch734d00sl2jdk',
      tokenSecret: 'pfkkdhi9sl3r4s00',
    },
  };
  const photosUrl = new URL('http://photos.example.net/photos?file=vacation.jpg&size=original');

  it('RFC 5849 §1.2 (photos.example.net, no oauth_version): MdpQcU8iPSUjWoN/UDMsK2sui9I=', () => {
    const base = signatureBaseString('GET', photosUrl, null, {
      oauth_consumer_key: photos.keys.consumerKey,
      oauth_token: photos.keys.token,
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '137131202',
      oauth_nonce: 'chapoH',
    });
    expect(base).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
    );
    expect(hmacSha1(base, signingKey(photos.keys.consumerSecret, photos.keys.tokenSecret))).toBe(
      'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
    );
  });

  it('OAuth Core 1.0 Appendix A.5 (the same photos, with oauth_version): tR3+Ty81lMeYAr/Fid0kMTYa/WM=', () => {
    const header = oauthAuthorization('GET', photosUrl, null, photos.keys, {
      timestamp: 1191242096,
      nonce: 'kllo9940pd9333jh',
    });
    expect(headerParams(header)).toEqual({
      oauth_consumer_key: 'dpf43f3p2l4k3l03',
      oauth_nonce: 'kllo9940pd9333jh',
      oauth_signature: 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '1191242096',
      oauth_token: 'nnch734d00sl2jdk',
      oauth_version: '1.0',
    });
  });

  it('Twitter\'s "Creating a signature" example: query + form parameters, hCtSmYh+iHYCEqBWrE7C7hYmtUk=', () => {
    const header = oauthAuthorization(
      'POST',
      new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true'),
      new URLSearchParams({ status: 'Hello Ladies + Gentlemen, a signed OAuth request!' }),
      {
        consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
        consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
        token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
        tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      },
      { timestamp: 1318622958, nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg' },
    );
    expect(header).toBe(
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", ' +
        'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", oauth_signature_method="HMAC-SHA1", ' +
        'oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
    );
  });

  it('the same parameters in the query string sign the same as in the body', () => {
    const keys = {
      consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
      consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
      tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
    };
    const inputs = { timestamp: 1318622958, nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg' };
    const inQuery = oauthAuthorization(
      'POST',
      new URL(
        'https://api.twitter.com/1.1/statuses/update.json?include_entities=true&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21',
      ),
      null,
      keys,
      inputs,
    );
    expect(headerParams(inQuery).oauth_signature).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });
});

describe('protocol parameters', () => {
  const keys = { consumerKey: 'ck', consumerSecret: 'cs', token: null, tokenSecret: null };

  it('a request-token call carries oauth_callback and no oauth_token; the key ends with "&"', () => {
    const header = headerParams(
      oauthAuthorization('POST', new URL('https://x.example/oauth/request_token'), null, keys, {
        timestamp: 1,
        nonce: 'abc',
        callback: 'oob',
      }),
    );
    expect(header.oauth_callback).toBe('oob');
    expect(header).not.toHaveProperty('oauth_token');
    const expected = hmacSha1(
      'POST&https%3A%2F%2Fx.example%2Foauth%2Frequest_token&oauth_callback%3Doob%26oauth_consumer_key%3Dck%26oauth_nonce%3Dabc%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1%26oauth_version%3D1.0',
      'cs&',
    );
    expect(header.oauth_signature).toBe(expected);
  });

  it('an access-token call carries oauth_verifier and the request token', () => {
    expect(
      protocolParams({ ...keys, token: 'rt', tokenSecret: 'rs' }, { timestamp: 1700000000.9, nonce: 'n', verifier: '1234' }),
    ).toEqual({
      oauth_consumer_key: 'ck',
      oauth_nonce: 'n',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '1700000000',
      oauth_version: '1.0',
      oauth_token: 'rt',
      oauth_verifier: '1234',
    });
  });

  it('secrets with reserved characters are percent-encoded in the signing key', () => {
    expect(signingKey('a&b c', 'é+')).toBe('a%26b%20c&%C3%A9%2B');
  });

  it('a different nonce, timestamp or URL changes the signature', () => {
    const url = new URL('https://x.example/1/friendships/create.json?screen_name=dougw');
    const sign = (u: URL, timestamp: number, nonce: string) =>
      headerParams(oauthAuthorization('POST', u, null, { ...keys, token: 't', tokenSecret: 's' }, { timestamp, nonce }))
        .oauth_signature;
    const reference = sign(url, 1, 'a');
    expect(sign(url, 1, 'a')).toBe(reference);
    expect(sign(url, 2, 'a')).not.toBe(reference);
    expect(sign(url, 1, 'b')).not.toBe(reference);
    expect(sign(new URL('https://x.example/1/friendships/create.json?screen_name=dougx'), 1, 'a')).not.toBe(reference);
  });

  it('default nonces are 32 hex characters and differ', () => {
    const a = defaultNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(defaultNonce()).not.toBe(a);
  });
});
