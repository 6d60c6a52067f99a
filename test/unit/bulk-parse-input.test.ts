import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow, parseCsv } from '../../core/bulk/csv.js';
import { detectBulkInputKind, parseBulkInput, type ParsedBulkInput } from '../../core/bulk/parse-bulk-input.js';

function parsed(text: string, options: Parameters<typeof parseBulkInput>[1] = {}): ParsedBulkInput {
  const result = parseBulkInput(text, options);
  if (!result.ok) throw new Error(`expected a parse, got ${result.error.message}`);
  return result.input;
}

describe('plain text lists', () => {
  it('reads @names, bare names, ids and profile URLs, one per line, with their line numbers', () => {
    const input = parsed('@dougw\nalice\n1401881\nhttps://twitter.com/bob\nhttps://social.example/user/42\n');
    expect(input.kind).toBe('text');
    expect(input.entries).toEqual([
      { line: 1, input: '@dougw', target: { form: 'screen_name', value: 'dougw' } },
      { line: 2, input: 'alice', target: { form: 'screen_name', value: 'alice' } },
      { line: 3, input: '1401881', target: { form: 'user_id', value: '1401881' } },
      { line: 4, input: 'https://twitter.com/bob', target: { form: 'screen_name', value: 'bob' } },
      { line: 5, input: 'https://social.example/user/42', target: { form: 'user_id', value: '42' } },
    ]);
    expect(input.bad).toEqual([]);
  });

  it('treats bare numbers as screen names when asked', () => {
    const input = parsed('101010\n@007', { numericAs: 'screen_name' });
    expect(input.entries.map((e) => e.target)).toEqual([
      { form: 'screen_name', value: '101010' },
      { form: 'screen_name', value: '007' },
    ]);
  });

  it('skips blank lines and # comments, handles CRLF, CR and a byte-order mark', () => {
    const input = parsed('\uFEFF@a\r\n\r\n# friends from work\r\n  @b  \r@c');
    expect(input.entries.map((e) => [e.line, e.target.value])).toEqual([
      [1, 'a'],
      [4, 'b'],
      [5, 'c'],
    ]);
  });

  it('reports every bad line with its number and the reason, and queues none of them', () => {
    const input = parsed('@good\nnot a name\n@\nhttps://example.com/a/b\n0\n@ok_too\n' + 'x'.repeat(65));
    expect(input.entries.map((e) => e.target.value)).toEqual(['good', 'ok_too']);
    expect(input.bad.map((b) => b.line)).toEqual([2, 3, 4, 5, 7]);
    expect(input.bad[0]).toMatchObject({ input: 'not a name', message: expect.stringContaining('only letters') });
    expect(input.bad[2]!.message).toMatch(/profile address/);
    expect(input.bad[3]!.message).toMatch(/not a valid user id/);
    expect(input.bad[4]!.message).toMatch(/at most 64/);
  });

  it('removes duplicates (screen names case-insensitively) and says which line each repeats', () => {
    const input = parsed('@Dougw\ndougw\nhttps://twitter.com/DOUGW\n42\n42\n@42');
    expect(input.entries.map((e) => e.input)).toEqual(['@Dougw', '42', '@42']);
    expect(input.duplicates).toEqual([
      { line: 2, input: 'dougw', firstLine: 1 },
      { line: 3, input: 'https://twitter.com/DOUGW', firstLine: 1 },
      { line: 5, input: '42', firstLine: 4 },
    ]);
  });

  it('keeps a user id beyond 2^53 exact', () => {
    expect(parsed('9007199254740993').entries[0]!.target.value).toBe('9007199254740993');
  });
});

describe('CSV exports', () => {
  it('reads a screen_name column with quoted fields, a BOM and CRLF', () => {
    const text = '\uFEFFname,screen_name,note\r\n"Doug, Williams",dougw,"said ""hi"""\r\nAlice,@alice,\r\n';
    const input = parsed(text);
    expect(input.kind).toBe('csv');
    expect(input.entries).toEqual([
      { line: 2, input: 'dougw', target: { form: 'screen_name', value: 'dougw' } },
      { line: 3, input: '@alice', target: { form: 'screen_name', value: 'alice' } },
    ]);
  });

  it('reads a one-column CSV under its header instead of following someone called user_id', () => {
    const input = parsed('user_id\n1401881\n');
    expect(input.kind).toBe('csv');
    expect(input.entries.map((e) => e.target)).toEqual([{ form: 'user_id', value: '1401881' }]);
  });

  it('prefers the user_id column when a row has both, and falls back to the name', () => {
    const input = parsed('user_id,screen_name\n1401881,dougw\n,alice\n');
    expect(input.entries.map((e) => e.target)).toEqual([
      { form: 'user_id', value: '1401881' },
      { form: 'screen_name', value: 'alice' },
    ]);
  });

  it('numbers rows by the line they start on, across line breaks inside quotes', () => {
    const input = parsed('screen_name,bio\nalice,"line one\nline two"\n"bad name",x\nbob,y\n');
    expect(input.entries.map((e) => [e.line, e.target.value])).toEqual([
      [2, 'alice'],
      [5, 'bob'],
    ]);
    expect(input.bad).toEqual([{ line: 4, input: 'bad name', message: expect.stringContaining('only letters') }]);
  });

  it('reports a row with neither an id nor a name', () => {
    expect(parsed('user_id,screen_name\n,\n').bad).toEqual([
      { line: 2, input: '', message: expect.stringContaining('Type a screen name') },
    ]);
  });

  it('refuses a CSV without a usable column, and an unclosed quote, with the line', () => {
    const noColumn = parseBulkInput('name,bio\nalice,x', { kind: 'csv' });
    expect(noColumn).toEqual({ ok: false, error: { kind: 'unreadable_input', line: 1, message: expect.stringContaining('screen_name or user_id') } });
    const unclosed = parseBulkInput('screen_name\nalice\n"bob\n', { kind: 'csv' });
    expect(unclosed).toEqual({ ok: false, error: { kind: 'unreadable_input', line: 3, message: expect.stringContaining('never closed') } });
  });

  it('parses RFC 4180 records and quotes fields that need it', () => {
    expect(parseCsv('a,"b""c",\r\n"d\ne",f')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b"c', ''] },
        { line: 2, fields: ['d\ne', 'f'] },
      ],
    });
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});

describe('CSV round trip', () => {
  it('reads back every row it writes, whatever the fields hold', () => {
    const field = fc.string({ unit: 'grapheme' }).filter((f) => !/^[=+\-@\t\r]/.test(f));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(csvRow).join('');
        const parsed = parseCsv(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.records.map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

describe("a Twitter archive's following.js", () => {
  const archive = [
    'window.YTD.following.part0 = [',
    '  {',
    '    "following" : {',
    '      "accountId" : "1401881",',
    '      "userLink" : "https://twitter.com/intent/user?user_id=1401881"',
    '    }',
    '  },',
    '  {',
    '    "following" : {',
    '      "accountId" : "9007199254740993",',
    '      "userLink" : "https://twitter.com/intent/user?user_id=9007199254740993"',
    '    }',
    '  },',
    '  { "following" : { "userLink" : "https://twitter.com/intent/user?user_id=" } },',
    '  { "following" : { "accountId" : 12345678901234567890 } },',
    '  { "following" : { "accountId" : "1401881" } }',
    ']',
  ].join('\n');

  it('follows by accountId, exactly, with the line of each entry', () => {
    const input = parsed(archive);
    expect(input.kind).toBe('following_js');
    expect(input.entries).toEqual([
      { line: 3, input: '1401881', target: { form: 'user_id', value: '1401881' } },
      { line: 9, input: '9007199254740993', target: { form: 'user_id', value: '9007199254740993' } },
    ]);
    expect(input.bad.map((b) => [b.line, b.message])).toEqual([
      [14, 'This entry has no accountId.'],
      [15, expect.stringContaining('too large to read exactly')],
    ]);
    expect(input.duplicates).toEqual([{ line: 16, input: '1401881', firstLine: 3 }]);
  });

  it('says so when the file is not an archive it can read', () => {
    const result = parseBulkInput('window.YTD.following.part0 = [ { "following" : ', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not a readable following\.js/);
    const notList = parseBulkInput('window.YTD.following.part0 = {}', {});
    expect(notList).toMatchObject({ ok: false, error: { message: expect.stringContaining('list of accounts') } });
  });
});

describe('any input at all', () => {
  it('gives entries with valid targets or typed errors, never an exception', () => {
    const pieces = fc.constantFrom('@a', 'b', '12', ',', '"', '\n', '\r\n', 'screen_name', 'user_id', 'window.YTD.following.part0 = ', '[', '{"following":{"accountId":"1"}}', ']', ' ', '\uFEFF');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        const result = parseBulkInput(parts.join(''));
        if (result.ok) {
          for (const entry of result.input.entries) expect(entry.target.value).not.toBe('');
          for (const bad of result.input.bad) expect(bad.line).toBeGreaterThan(0);
        } else {
          expect(result.error.kind).toBe('unreadable_input');
        }
      }),
    );
  });
});

describe('detecting the kind of input', () => {
  it('tells the three kinds apart', () => {
    expect(detectBulkInputKind('window.YTD.following.part0 = []')).toBe('following_js');
    expect(detectBulkInputKind('\uFEFF"Screen Name",note\nx,y')).toBe('csv');
    expect(detectBulkInputKind('user_id\n1')).toBe('csv');
    expect(detectBulkInputKind('screen_name\r\n@a')).toBe('csv');
    expect(detectBulkInputKind('handle\n@a')).toBe('text');
    expect(detectBulkInputKind('@a\n@b')).toBe('text');
    expect(detectBulkInputKind('a,b\nc,d')).toBe('text');
  });
});

describe('a list read for an account', () => {
  const account = { apiBase: 'http://social.example/index.php/api', self: { id: '7', screenName: 'demo' } };

  it('lists profile URLs on another server and the account itself as bad lines, by line number', () => {
    const input = parsed(['@dougw', 'https://elsewhere.example/@dave', 'http://social.example/index.php/tenten', '@Demo', '7'].join('\n'), { account });
    expect(input.entries.map((e) => e.line)).toEqual([1, 3]);
    expect(input.bad.map((b) => b.line)).toEqual([2, 4, 5]);
    expect(input.bad[0]!.message).toMatch(/elsewhere\.example.*social\.example/);
    expect(input.bad[1]!.message).toMatch(/cannot follow yourself/);
  });
});
