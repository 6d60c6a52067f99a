import type { Readable, Writable } from 'node:stream';

/** stdin as Node gives it for a terminal: raw mode turns off the terminal's own echo. */
type SecretInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

const ENTER = new Set(['\r', '\n', '\u0004']);
const ERASE = new Set(['\u007f', '\b']);
const INTERRUPT = '\u0003';

/** The first line piped in, without its line ending. */
export async function firstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * Typed at a terminal with echo off: the prompt on `prompt` (stderr), the keys read raw so
 * nothing typed is shown; Enter ends it, Backspace erases, Ctrl+C gives up (an empty secret).
 */
function typedSecret(stdin: SecretInput & { setRawMode: (raw: boolean) => unknown }, prompt: Writable, question: string): Promise<string> {
  prompt.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let secret = '';
    const finish = (value: string): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      prompt.write('\n');
      resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const key of chunk) {
        if (ENTER.has(key)) return finish(secret);
        if (key === INTERRUPT) return finish('');
        secret = ERASE.has(key) ? secret.slice(0, -1) : secret + key;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** A secret from stdin: typed without echo at a terminal, else the first line piped in. */
export function readSecret(stdin: SecretInput, prompt: Writable, question = 'Password: '): Promise<string> {
  if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') {
    return typedSecret(stdin as SecretInput & { setRawMode: (raw: boolean) => unknown }, prompt, question);
  }
  return firstLine(stdin);
}
