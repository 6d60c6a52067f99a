import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../core/format/parse-json.js';

function value(text: string): unknown {
  const parsed = parseJsonLossless(text);
  if (!parsed.ok) throw new Error(`expected valid JSON, got: ${parsed.error}`);
  return parsed.value;
}

describe('parseJsonLossless', () => {
  it('parses ordinary JSON as JSON.parse does', () => {
    const text = '{"a":1,"b":[true,null,"x"],"c":{"d":-2.5e3}}';
    expect(value(text)).toEqual(JSON.parse(text));
  });

  it('keeps integers beyond 2^53 as their exact digits', () => {
    expect(value('{"id":18446744073709551615}')).toEqual({ id: '18446744073709551615' });
    expect(value('{"id":9007199254740993}')).toEqual({ id: '9007199254740993' });
    expect(value('[-9007199254740993]')).toEqual(['-9007199254740993']);
  });

  it('keeps safe integers as numbers, even with 16 digits', () => {
    expect(value('{"a":9007199254740991,"b":1000000000000000,"c":12345678901234567}')).toEqual({
      a: 9007199254740991,
      b: 1000000000000000,
      c: '12345678901234567',
    });
  });

  it('leaves digits inside strings, keys and escapes alone', () => {
    expect(value('{"12345678901234567890":"x\\"12345678901234567890","y":"\\\\"}')).toEqual({
      '12345678901234567890': 'x"12345678901234567890',
      y: '\\',
    });
  });

  it('leaves long fractions and exponents as numbers', () => {
    expect(value('[1234567890123456789.5, 12345678901234567890e2, 0.12345678901234567890]')).toEqual([
      1234567890123456789.5, 12345678901234567890e2, 0.1234567890123456789,
    ]);
  });

  it('works next to nested structures and in arrays of ids', () => {
    expect(value('{"a":[18446744073709551615,{"b":18446744073709551614}],"c":1}')).toEqual({
      a: ['18446744073709551615', { b: '18446744073709551614' }],
      c: 1,
    });
  });

  it('refuses malformed JSON with a reason instead of throwing', () => {
    for (const text of ['', '{', '{"a":}', 'undefined', '{"id":012345678901234567}', "{'a':1}", '[1,]']) {
      const parsed = parseJsonLossless(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error).not.toBe('');
    }
  });

  it('refuses a big integer in key position rather than repairing it', () => {
    expect(parseJsonLossless('{12345678901234567890: 1}').ok).toBe(false);
  });
});
