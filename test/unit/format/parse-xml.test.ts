import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseXml } from '../../../core/format/parse-xml.js';

function element(text: string): { name: string; element: unknown } {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`expected XML, got: ${parsed.error.message}`);
  return { name: parsed.name, element: parsed.element };
}

function refusal(text: string): string {
  const parsed = parseXml(text);
  if (parsed.ok) throw new Error(`expected a refusal, got <${parsed.name}>`);
  return parsed.error.reason;
}

describe('parseXml', () => {
  it('keeps every value as text: numbers, leading zeros and booleans stay strings', () => {
    expect(
      element('<user><id>1401881</id><screen_name>101010</screen_name><name>007</name><protected>false</protected></user>'),
    ).toEqual({
      name: 'user',
      element: { id: '1401881', screen_name: '101010', name: '007', protected: 'false' },
    });
    expect(element('<user id="007" n="1e3" b="true"><x>0x10</x></user>').element).toEqual({
      '@_id': '007',
      '@_n': '1e3',
      '@_b': 'true',
      x: '0x10',
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

  it('decodes the five predefined and numeric references, and nothing else', () => {
    expect(element('<t>&amp; &lt;b&gt; &quot;&apos; &#8217; &#x1F600; &nbsp; &copy; &#0;</t>').element).toBe(
      `& <b> "' ’ 😀 &nbsp; &copy; &#0;`,
    );
    expect(element('<t a="&lt;&#65;&nbsp;">x &amp;amp; y</t>').element).toEqual({ '@_a': '<A&nbsp;', '#text': 'x &amp; y' });
  });

  it('reads CDATA as text, undecoded, and repeated elements as an array', () => {
    expect(element('<t><![CDATA[<b>bold</b> &amp;]]></t>').element).toBe('<b>bold</b> &amp;');
    expect(element('<users><user>a</user><user>b</user></users>').element).toEqual({ user: ['a', 'b'] });
  });

  it('tolerates a byte-order mark or blank line before the declaration', () => {
    expect(element('\uFEFF\n<?xml version="1.0"?><a>1</a>')).toEqual({ name: 'a', element: '1' });
  });

  it('refuses a DOCTYPE or entity declaration in the prolog, before parsing anything', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
      ']><lolz>&lol9;</lolz>';
    expect(refusal(laughs)).toBe('declarations');
    expect(refusal('<!DOCTYPE user SYSTEM "file:///etc/passwd"><user/>')).toBe('declarations');
    expect(refusal('<!doctype html><html></html>')).toBe('declarations');
    expect(refusal('\n<?xml version="1.0"?>\n<!-- c --><?pi x?>\n<!ENTITY x "y"><user/>')).toBe('declarations');
    const parsed = parseXml('<!DOCTYPE a><a/>');
    expect(!parsed.ok && parsed.error.message).toBe(
      "The server's answer is XML with a DOCTYPE or entity declarations, which are refused.",
    );
  });

  it('reads a DOCTYPE in CDATA, escaped text or a comment as data', () => {
    expect(element('<t><![CDATA[<!DOCTYPE html><!ENTITY x "y">]]></t>').element).toBe('<!DOCTYPE html><!ENTITY x "y">');
    expect(element('<t>&lt;!DOCTYPE html&gt;</t>').element).toBe('<!DOCTYPE html>');
    expect(element('<!-- <!DOCTYPE x> --><t>1</t>').element).toBe('1');
  });

  it('refuses a declaration inside the document as malformed, never expanding what it declares', () => {
    expect(refusal('<user><!DOCTYPE x [<!ENTITY e "expanded">]><a>&e;</a></user>')).toBe('malformed');
    expect(refusal('<user><!ENTITY e "expanded"><a>&e;</a></user>')).toBe('malformed');
    expect(refusal('<user><!doctype x></user>')).toBe('malformed');
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
      '<a/><b/>',
      '<a b="1" b="2"/>',
      '<user><id>1</id></user',
      '<user><id>1</id></user> trailing text',
      '<user><!-- unclosed comment <id>1</id></user>',
      '<user><id a=1>1</id></user>',
      '<user><id a="1"b="2">1</id></user>',
      '<user>< id>1</id></user>',
      '<user><id>1</idx></user>',
      '<user><id>1</i></user>',
      '<user><id>1</id x></user>',
      '<user><id/ >1</user>',
      '<user><id>1</id></user\u00e9>',
      '<user><café>1</cafe></user>',
      '<a>1</a><?pi',
      '<',
      '<user',
      '<user/',
      '<user></',
      '<?xml version="1.0"?>',
    ]) {
      const parsed = parseXml(text);
      expect(parsed.ok, text.slice(0, 60)).toBe(false);
      if (!parsed.ok) expect(parsed.error).toEqual({ reason: 'malformed', message: "The server's answer is not valid XML." });
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

  it('keeps the text beside children, without the indentation between them', () => {
    expect(parseXml('<a>\n  <b/>\n  x<c>1</c> \n</a>')).toEqual({ ok: true, name: 'a', element: { b: '', c: '1', '#text': 'x' } });
    expect(parseXml('<a>\n  <b/>\n</a>')).toEqual({ ok: true, name: 'a', element: { b: '' } });
  });

  it(`nests at most ${MAX_DEPTH} elements under the root`, () => {
    const nested = (depth: number) => `<root>${'<a>'.repeat(depth - 1)}<b>x</b>${'</a>'.repeat(depth - 1)}</root>`;
    expect(parseXml(nested(MAX_DEPTH)).ok).toBe(true);
    expect(refusal(nested(MAX_DEPTH + 1))).toBe('malformed');
    expect(refusal('<a>'.repeat(100_000) + '</a>'.repeat(100_000))).toBe('malformed');
  });

  it('keeps element names that Object.prototype has as plain values, reaching no prototype', () => {
    const parsed = element(
      '<user><constructor>1</constructor><toString>2</toString><__proto__><polluted>yes</polluted></__proto__>' +
        '<hasOwnProperty>3</hasOwnProperty><prototype>4</prototype></user>',
    ).element as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'prototype']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect([parsed['constructor'], parsed['toString'], parsed['hasOwnProperty'], parsed['prototype']]).toEqual(['1', '2', '3', '4']);
    expect(element('<constructor>1</constructor>')).toEqual({ name: 'constructor', element: '1' });
    expect(element('<a __proto__="x" constructor="y"/>').element).toEqual({ '@___proto__': 'x', '@_constructor': 'y' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
