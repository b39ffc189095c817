/**
 * Search results (`search:query`, full text over actions and progress) in a panel over the page.
 * Snippets show the matched words highlighted; choosing a result jumps to the row (scrolls to it and
 * opens its form). Arrow keys move through the results; Escape closes.
 */
import { Fragment, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/contract';
import { call } from '../api';
import { trapTab } from '../components/Dialog';
import './search.css';
import { errorText } from '../errors';

/** Splits a snippet with [[matched]] words into text and highlighted parts. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const re = /\[\[(.*?)\]\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), match: false });
    parts.push({ text: m[1] ?? '', match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false });
  return parts;
}

export function SearchPanel({
  query,
  planId,
  onChoose,
  onClose,
}: {
  query: string;
  planId: string | undefined;
  onChoose(hit: SearchHit): void;
  onClose(): void;
}) {
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [planTitles, setPlanTitles] = useState<Map<string, string>>(new Map());
  const ref = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    call('search:query', { query, limit: 100, ...(planId ? { planId } : {}) }).then(
      (h) => live && setHits(h),
      (e: unknown) => live && setError(errorText(e)),
    );
    if (!planId)
      call('plans:list', {}).then(
        (list) => live && setPlanTitles(new Map(list.map((p) => [p.id, p.title]))),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [query, planId]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('h2')?.focus();
  }, []);

  const move = (delta: number) => {
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, at + delta))]?.focus();
  };

  return (
    <div
      ref={ref}
      className="search-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="search-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          move(1);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          move(-1);
        } else if (ref.current) trapTab(e, ref.current);
      }}
    >
      <div className="search-head hstack">
        <h2 id="search-title" tabIndex={-1}>
          Results for “{query}”{planId ? ' in this plan' : ''}
        </h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <p className="search-status muted small" role="status" aria-live="polite">
        {error
          ? null
          : hits === null
            ? 'Searching…'
            : hits.length === 0
              ? 'No matches. Try fewer or different words.'
              : `${hits.length} match${hits.length === 1 ? '' : 'es'}. Choose one to go to it.`}
      </p>
      {error ? (
        <p className="field-error" role="alert">
          Couldn't search: {error}
        </p>
      ) : null}
      <ul ref={listRef} className="plain-list search-results">
        {hits?.map((h, i) => (
          <li key={`${h.actionId}-${h.progressId ?? 'a'}-${i}`}>
            <button type="button" className="search-hit" onClick={() => onChoose(h)}>
              <span className="search-hit-head">
                <strong>{h.reference || 'Action'}</strong>
                <span className="tag tag-neutral">{h.kind === 'progress' ? 'Progress update' : 'Action'}</span>
                {!planId && planTitles.get(h.planId) ? (
                  <span className="muted small">{planTitles.get(h.planId)}</span>
                ) : null}
              </span>
              <span className="search-snippet">
                {snippetParts(h.snippet).map((p, j) =>
                  p.match ? <mark key={j}>{p.text}</mark> : <Fragment key={j}>{p.text}</Fragment>,
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
