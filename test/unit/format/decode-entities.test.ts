import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../core/format/markup-text.js';

describe('decodeEntities', () => {
  it('decodes the five predefined names', () => {
    expect(decodeEntities('&amp; &lt; &gt; &quot; &apos;')).toBe(`& < > " '`);
  });

  it('decodes decimal and hexadecimal references, astral ones too', () => {
    expect(decodeEntities('it&#8217;s &#x1F600; &#X1f600; &#65;')).toBe('it’s 😀 😀 A');
  });

  it('leaves named HTML entities and unknown names as typed', () => {
    expect(decodeEntities('&nbsp;&eacute;&bogus;&copy;')).toBe('&nbsp;&eacute;&bogus;&copy;');
  });

  it('leaves references to non-characters as typed', () => {
    for (const reference of ['&#0;', '&#x1B;', '&#xD800;', '&#xFFFE;', '&#x110000;', '&#99999999999999999999;']) {
      expect(decodeEntities(reference)).toBe(reference);
    }
  });

  it('decodes one layer at a time and leaves a bare ampersand alone', () => {
    expect(decodeEntities('&amp;lt;script&amp;gt;')).toBe('&lt;script&gt;');
    expect(decodeEntities('AT&T & co')).toBe('AT&T & co');
    expect(decodeEntities('&amp')).toBe('&amp');
  });

  it('keeps tabs, newlines and text without references as they are', () => {
    expect(decodeEntities('a&#9;b&#10;c')).toBe('a\tb\nc');
    const plain = 'no references here';
    expect(decodeEntities(plain)).toBe(plain);
  });
});
