/**
 * A word-level difference between two texts (jsdiff's `diffWordsWithSpace`): removed words struck through,
 * added words underlined, each also announced in words ("removed", "added") so it never relies on colour.
 * Long unchanged stretches are shortened to their first and last words.
 */
import { diffWordsWithSpace } from 'diff';

const KEEP = 12;

function shorten(text: string): string {
  const words = text.split(/(\s+)/);
  if (words.length <= KEEP * 4) return text;
  return `${words.slice(0, KEEP * 2).join('')} … ${words.slice(-KEEP * 2).join('')}`;
}

export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWordsWithSpace(before, after);
  return (
    <span className="text-diff">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="diff-added">
            <span className="visually-hidden">[added: </span>
            {p.value}
            <span className="visually-hidden">]</span>
          </ins>
        ) : p.removed ? (
          <del key={i} className="diff-removed">
            <span className="visually-hidden">[removed: </span>
            {p.value}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{shorten(p.value)}</span>
        ),
      )}
    </span>
  );
}
