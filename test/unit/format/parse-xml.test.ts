import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseXml } from '../../../core/format/parse-xml.js';

function element(text: string): { name: string; element: unknown } {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`expected XML, got: ${parsed.message}`);
  return { name: parsed.name, element: parsed.element };
}

describe('parseXml', () => {
  it('keeps every value as text: numbers, leading zeros and booleans stay strings', () => {
    expect(
      element('<user><id>1401881</id><screen_name>101010</screen_name><name>007</name><protected>false</protected></user>'),
    ).toEqual({
      name: 'user',
      element: { id: '1401881', screen_name: '101010', name: '007', protected: 'false' },
    });
  });

  it('gives empty elements as empty strings, self-closing or not, with CRLF line ends', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?>\r\n<user>\r\n  <location></location>\r\n  <url/>\r\n</user>\r\n';
    expect(element(text)).toEqual({ name: 'user', element: { location: '', url: '' } });
  });

  it('keeps attributes and child elements', () => {
    expect(element('<source><a href="http://x.example/?a=1&amp;b=2" rel="nofollow">Client</a></source>')).toEqual({
      name: 'source',
      element: { a: { '#text': 'Client', '@_href': 'http://x.example/?a=1&b=2', '@_rel': 'nofollow' } },
    });
    expect(element('<users type="array"></users>')).toEqual({ name: 'users', element: { '@_type': 'array' } });
  });

  it('decodes predefined and numeric references, and nothing else', () => {
    expect(element('<t>&amp; &lt;b&gt; &#8217; &#x1F600; &nbsp;</t>').element).toBe('& <b> ’ 😀 &nbsp;');
  });

  it('reads CDATA as text and repeated elements as an array', () => {
    expect(element('<t><![CDATA[<b>bold</b>]]></t>').element).toBe('<b>bold</b>');
    expect(element('<users><user>a</user><user>b</user></users>').element).toEqual({ user: ['a', 'b'] });
  });

  it('tolerates a byte-order mark or blank line before the declaration', () => {
    expect(element('\uFEFF\n<?xml version="1.0"?><a>1</a>')).toEqual({ name: 'a', element: '1' });
  });

  it('refuses DOCTYPE and entity declarations without expanding them', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
      ']><lolz>&lol9;</lolz>';
    const started = performance.now();
    const parsed = parseXml(laughs);
    expect(performance.now() - started).toBeLessThan(100);
    expect(parsed).toMatchObject({ ok: false, failure: 'declarations' });
    expect(parseXml('<!DOCTYPE user SYSTEM "file:///etc/passwd"><user/>')).toMatchObject({ ok: false, failure: 'declarations' });
    expect(parseXml('<!doctype html><html></html>')).toMatchObject({ ok: false, failure: 'declarations' });
    expect(parseXml('<user><!ENTITY x "y"></user>')).toMatchObject({ ok: false, failure: 'declarations' });
  });

  it('refuses documents that are not well formed', () => {
    for (const text of [
      '',
      'plain text',
      '<user><id>1</id><screen_name>a</screen_name><name>Do',
      '<a><b></a>',
      '<a>x & y</a>',
      '<a></a><b></b>',
      '<a/><a/>',
      '<a b="1" b="2"/>',
      '<constructor>1</constructor>',
      '<__proto__><polluted>1</polluted></__proto__>',
      `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`,
      '<user><id>1</id></user',
      '<user><id>1</id></user> trailing text',
      '<user><!-- unclosed comment <id>1</id></user>',
      '<user><id a=1>1</id></user>',
      '<user><id a="1"b="2">1</id></user>',
      '<user>< id>1</id></user>',
      '<user><id>1</idx></user>',
      '<user><id>1</i></user>',
      '<user><id>1</id x></user>',
      '<user><id>1</id\u00a0></user>',
      '<user\u00a0><id>1</id></user>',
      '<user><id/ >1</user>',
      '<user><id>1</id></user\u00e9>',
      '<user><café>1</cafe></user>',
      '<',
      '<user',
      '<user/',
      '<user></',
    ]) {
      const parsed = parseXml(text);
      expect(parsed.ok, text.slice(0, 60)).toBe(false);
      if (!parsed.ok) expect(parsed.message).toBe("The server's answer is not valid XML.");
    }
  });

  it('skips comments and processing instructions anywhere, and reads single-quoted attributes', () => {
    expect(
      parseXml("<?xml version='1.0'?>\n<!-- a --><user><?pi x?><id>1<!-- b --></id><a href='x&amp;y'>T</a></user>\n<!-- c -->"),
    ).toEqual({ ok: true, name: 'user', element: { id: '1', a: { '@_href': 'x&y', '#text': 'T' } } });
  });

  it('reads names beyond ASCII, and white space inside tags', () => {
    expect(parseXml('<user\n\tid="1" ><café·x>1</café·x\r\n><é_b/></user >')).toEqual({
      ok: true,
      name: 'user',
      element: { '@_id': '1', 'café·x': '1', é_b: '' },
    });
    expect(parseXml('<a:user xmlns:a="urn:x"><a.b-c_d>1</a.b-c_d><z  /></a:user>')).toEqual({
      ok: true,
      name: 'a:user',
      element: { '@_xmlns:a': 'urn:x', 'a.b-c_d': '1', z: '' },
    });
  });

  it('keeps the text around children as the server spaced it, trimmed at the ends', () => {
    expect(parseXml('<a>  x <b/> y </a>')).toEqual({ ok: true, name: 'a', element: { b: '', '#text': 'x  y' } });
    expect(parseXml('<a>\n  <b/>\n  x<c>1</c> \n</a>')).toEqual({ ok: true, name: 'a', element: { b: '', c: '1', '#text': 'x' } });
    expect(parseXml('<a>\n  <b/>\n</a>')).toEqual({ ok: true, name: 'a', element: { b: '' } });
  });

  it(`nests at most ${MAX_DEPTH} elements deep, whatever the innermost one holds`, () => {
    const nested = (depth: number, inner: string) => `${'<a>'.repeat(depth - 1)}${inner}${'</a>'.repeat(depth - 1)}`;
    for (const inner of ['<b>x</b>', '<b/>', '<b><c/></b>', '<b k="v">x</b>']) {
      const innerDepth = inner === '<b><c/></b>' ? 1 : 0;
      expect(parseXml(nested(MAX_DEPTH - innerDepth, inner)).ok, inner).toBe(true);
      expect(parseXml(nested(MAX_DEPTH + 1 - innerDepth, inner)).ok, inner).toBe(false);
    }
  });

  it('never touches Object.prototype', () => {
    parseXml('<a><__proto__><polluted>yes</polluted></__proto__></a>');
    parseXml('<a __proto__="x"><b>1</b></a>');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
