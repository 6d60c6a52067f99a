import { displayUrl, splitStatusText } from '../lib/status-text.js';
import { ExternalLink } from './ExternalLink.js';

interface StatusTextProps {
  text: string;
  onMention: (screenName: string) => void;
}

/** Server text with its links and @mentions made clickable; every part is a React text node. */
export function StatusText({ text, onMention }: StatusTextProps) {
  return (
    <>
      {splitStatusText(text).map((part, index) => {
        switch (part.kind) {
          case 'text':
            return <span key={index}>{part.text}</span>;
          case 'link':
            return (
              <ExternalLink key={index} href={part.href}>
                {displayUrl(part.href)}
              </ExternalLink>
            );
          case 'mention':
            return (
              <button
                key={index}
                type="button"
                className="link-button mention"
                title={`Look up @${part.screenName}`}
                onClick={() => onMention(part.screenName)}
              >
                {part.text}
              </button>
            );
        }
      })}
    </>
  );
}
