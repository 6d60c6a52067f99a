import type { ReactNode } from 'react';

/** What is under way, beside a spinner. */
export function Busy({ children }: { children: ReactNode }) {
  return (
    <p className="running">
      <span className="spinner" aria-hidden="true" /> {children}
    </p>
  );
}
