import { Writable } from 'node:stream';

/** A stream that keeps what is written to it, as text, for a test to read. */
export function textSink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}
