import type { ReactNode } from 'react';

export function Busy({ children }: { children: ReactNode }) {
  return (
    <p className="running">
      <span className="spinner" aria-hidden="true" /> {children}
    </p>
  );
}
