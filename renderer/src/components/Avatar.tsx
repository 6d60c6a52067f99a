import { useState } from 'react';
import { safeHttpUrl } from '../lib/status-text.js';

interface AvatarProps {
  url: string | null;
  name: string;
  size: number;
}

/** The first letter or digit (names can open with markup, quotes or emoji), upper-cased. */
function initialOf(name: string): string {
  const first = /[\p{L}\p{N}]/u.exec(name)?.[0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}

/** The profile picture, or the first letter of the name when there is none or it fails to load. */
export function Avatar({ url, name, size }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const src = safeHttpUrl(url);
  const showImage = src !== null && failedUrl !== src;
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true">
      {showImage ? (
        <img src={src} alt="" width={size} height={size} referrerPolicy="no-referrer" onError={() => setFailedUrl(src)} />
      ) : (
        initialOf(name)
      )}
    </span>
  );
}
