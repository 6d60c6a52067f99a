import type { ReactNode } from 'react';
import { safeHttpUrl } from '../lib/status-text.js';
import { useApp } from '../store/context.js';

interface ExternalLinkProps {
  href: string | null;
  children: ReactNode;
  className?: string;
  title?: string;
}

/**
 * A link that the main process opens in the system browser. Anything but http(s) stays plain
 * text, and the renderer itself never navigates.
 */
export function ExternalLink({ href, children, className, title }: ExternalLinkProps) {
  const openExternal = useApp((s) => s.openExternal);
  const safe = safeHttpUrl(href);
  if (safe === null) return <span className={className}>{children}</span>;
  return (
    <a
      href={safe}
      className={className}
      title={title ?? safe}
      rel="noreferrer noopener"
      onClick={(event) => {
        event.preventDefault();
        void openExternal(safe);
      }}
    >
      {children}
    </a>
  );
}
