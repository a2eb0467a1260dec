import { useMemo } from 'react';
import hljs from 'highlight.js/lib/core';
import sql from 'highlight.js/lib/languages/pgsql';
import { Icon } from './icons';

hljs.registerLanguage('pgsql', sql);

/** SQL with PostgreSQL syntax highlighting and a copy button. */
export function SqlView({ text, maxHeight }: { text: string; maxHeight?: number }) {
  const html = useMemo(() => hljs.highlight(text, { language: 'pgsql', ignoreIllegals: true }).value, [text]);
  return (
    <div style={{ position: 'relative' }}>
      <pre className="code" style={maxHeight ? { maxHeight } : undefined}>
        <code dangerouslySetInnerHTML={{ __html: html }} />
      </pre>
      <button
        className="icon-button"
        style={{ position: 'absolute', top: 6, right: 6 }}
        title="Copy"
        aria-label="Copy SQL"
        onClick={() => void navigator.clipboard?.writeText(text)}
      >
        <Icon name="copy" size={15} />
      </button>
    </div>
  );
}
