import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../core/format/parse-source.js';

describe('parseSource', () => {
  it('reads an anchor string (JSON, or XML after its escaping is undone)', () => {
    expect(parseSource('<a href="http://www.tweetdeck.com/" rel="nofollow">TweetDeck</a>')).toEqual({
      name: 'TweetDeck',
      url: 'http://www.tweetdeck.com/',
    });
    expect(parseSource("<a href='https://x.example/app'>X &amp; Y</a>")).toEqual({
      name: 'X & Y',
      url: 'https://x.example/app',
    });
  });

  it('reads an anchor escaped once more', () => {
    expect(parseSource('&lt;a href=&quot;http://twitterfeed.com&quot;&gt;twitterfeed&lt;/a&gt;')).toEqual({
      name: 'twitterfeed',
      url: 'http://twitterfeed.com',
    });
  });

  it('reads a plain name with no link', () => {
    expect(parseSource('web')).toEqual({ name: 'web', url: null });
    expect(parseSource('  Mobile &amp; web ')).toEqual({ name: 'Mobile & web', url: null });
  });

  it('reads a child <a href> element as parsed from XML', () => {
    expect(parseSource({ a: { '#text': 'TweetDeck', '@_href': 'http://www.tweetdeck.com/' } })).toEqual({
      name: 'TweetDeck',
      url: 'http://www.tweetdeck.com/',
    });
    expect(parseSource({ a: 'bare anchor' })).toEqual({ name: 'bare anchor', url: null });
    expect(parseSource({ '#text': 'web', '@_type': 'text' })).toEqual({ name: 'web', url: null });
  });

  it('keeps only http(s) links', () => {
    expect(parseSource('<a href="javascript:alert(1)">evil</a>')).toEqual({ name: 'evil', url: null });
    expect(parseSource({ a: { '#text': 'x', '@_href': 'file:///etc/passwd' } })).toEqual({ name: 'x', url: null });
    expect(parseSource('<a href="/relative">rel</a>')).toEqual({ name: 'rel', url: null });
  });

  it('names a nameless link by its host, and is null when there is nothing', () => {
    expect(parseSource('<a href="https://client.example/x"></a>')).toEqual({
      name: 'client.example',
      url: 'https://client.example/x',
    });
    expect(parseSource('')).toBeNull();
    expect(parseSource('<a href="javascript:x"></a>')).toBeNull();
    expect(parseSource(null)).toBeNull();
    expect(parseSource(42)).toBeNull();
    expect(parseSource(['web'])).toBeNull();
  });

  it('reads markup as text, never as HTML', () => {
    expect(parseSource('<a href="http://x.example/"><script>alert(1)</script>App</a>')).toEqual({
      name: 'alert(1)App',
      url: 'http://x.example/',
    });
    expect(parseSource('<b>bold client</b>')).toEqual({ name: 'bold client', url: null });
  });
});
