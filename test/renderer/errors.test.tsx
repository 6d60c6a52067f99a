// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_KINDS, type ErrorKind } from '../../core/types.js';
import { ErrorNotice } from '../../renderer/src/components/ErrorNotice.js';
import { errorAdvice, errorTitle, nextStepFor } from '../../renderer/src/lib/error-copy.js';

afterEach(cleanup);

const STEP_BUTTON: Record<ErrorKind, string | null> = {
  already_following: null,
  request_pending: null,
  not_following: null,
  not_found: 'Edit the name',
  unauthorized: 'Sign in again',
  forbidden: null,
  follow_limit: null,
  rate_limited: 'Try again',
  server_error: 'Try again',
  timeout: 'Try again',
  network: 'Try again',
  bad_response: 'Check account settings',
  invalid_request: 'Edit the name',
};

describe('every error kind', () => {
  it('has its own title and its own sentence', () => {
    const titles = new Set(ERROR_KINDS.map(errorTitle));
    const sentences = new Set(
      ERROR_KINDS.map((kind) => errorAdvice({ kind, status: null, code: null, message: '' }, null)),
    );
    expect(titles.size).toBe(ERROR_KINDS.length);
    expect(sentences.size).toBe(ERROR_KINDS.length);
  });

  it.each(ERROR_KINDS)('%s: shows the title, the next step and the server words as text', async (kind) => {
    const steps: string[] = [];
    render(
      <ErrorNotice
        error={{ kind, status: 403, code: null, message: '<b>Server</b> said <script>no</script>' }}
        rateLimit={null}
        onStep={(step) => steps.push(step)}
        onDismiss={() => steps.push('dismiss')}
      />,
    );
    const notice = document.querySelector('.notice')!;
    expect(notice).toHaveAttribute('data-kind', kind);
    expect(notice).toHaveTextContent(errorTitle(kind));
    expect(notice).toHaveTextContent(errorAdvice({ kind, status: 403, code: null, message: '' }, null));
    expect(notice).toHaveTextContent('HTTP 403 · <b>Server</b> said <script>no</script>');
    expect(notice.querySelectorAll('b, script')).toHaveLength(0);
    const label = STEP_BUTTON[kind];
    if (label === null) {
      expect(nextStepFor(kind)).toBeNull();
      expect(within(notice as HTMLElement).getAllByRole('button').map((b) => b.textContent)).toEqual(['Dismiss']);
    } else {
      await userEvent.click(screen.getByRole('button', { name: label }));
      expect(steps).toEqual([nextStepFor(kind)]);
    }
  });

  it('gives the rate-limit reset as a clock time', () => {
    const resetAt = '2030-01-01T10:05:00.000Z';
    render(
      <ErrorNotice
        error={{ kind: 'rate_limited', status: 429, code: 88, message: 'Rate limit exceeded.' }}
        rateLimit={{ limit: 150, remaining: 0, resetAt }}
        onStep={() => undefined}
      />,
    );
    const clock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(resetAt));
    expect(document.querySelector('.notice')).toHaveTextContent(`Too many requests: try again after ${clock}.`);
  });

  it('says the clock is off for a timestamp refusal', () => {
    render(
      <ErrorNotice
        error={{ kind: 'unauthorized', status: 401, code: 135, message: 'Timestamp out of bounds.' }}
        rateLimit={null}
        onStep={() => undefined}
      />,
    );
    expect(document.querySelector('.notice')).toHaveTextContent("set your computer's clock");
  });

  it('leaves out the status when no answer arrived', () => {
    render(
      <ErrorNotice error={{ kind: 'network', status: null, code: null, message: 'ECONNREFUSED' }} rateLimit={null} onStep={() => undefined} />,
    );
    const server = document.querySelector('.notice-server')!;
    expect(server.textContent).toBe('ECONNREFUSED');
  });
});
