/**
 * A list file's bytes as text. Spreadsheet programs on Windows save "Unicode text" as UTF-16
 * with a byte-order mark; read as UTF-8 it would be every other byte NUL and no line valid.
 * Without a mark, UTF-8 (the BOM sniffing a browser's FileReader does, so both hosts agree).
 */
export function decodeListBytes(bytes: Uint8Array): string {
  const [a, b] = bytes;
  const encoding = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : 'utf-8';
  // TextDecoder drops the mark itself (ignoreBOM is false by default).
  return new TextDecoder(encoding).decode(bytes);
}
