/**
 * On a lead's copy, what the owner made of each of the lead's updates (issue 10): "Accepted by A Okafor on
 * 2 December 2026", "Waiting for the owner" or "Held back: <reason>" (sync:myUpdates, from the owner's
 * re-published packs). Words and a symbol, never colour alone.
 */
import type { LeadUpdateStatus } from '../../../shared/contract-sync';
import { longDate } from '../components/format';

export function updateStatusText(s: Pick<LeadUpdateStatus, 'state' | 'by' | 'at' | 'reason'>): string {
  if (s.state === 'accepted') return `Accepted by ${s.by ?? 'the owner'}${s.at ? ` on ${longDate(s.at)}` : ''}`;
  if (s.state === 'held') return `Held back: ${s.reason ?? 'the owner has not accepted it yet.'}`;
  return 'Waiting for the owner';
}

const SYMBOL = { accepted: '✓', waiting: '…', held: '!' } as const;
const TAG = { accepted: 'tag-ok', waiting: 'tag-neutral', held: 'tag-warn' } as const;

/** One update's line: what it is ("Progress update", "Rating") and the owner's answer. */
export function UpdateStatusLine({ status }: { status: LeadUpdateStatus }) {
  const what = status.entity === 'rating' ? 'Rating' : 'Progress update';
  return (
    <li className="update-status">
      <span className="muted small">{what}:</span>{' '}
      <span className={`tag ${TAG[status.state]} update-status-tag`} data-state={status.state}>
        <span aria-hidden="true">{SYMBOL[status.state]}</span> {updateStatusText(status)}
      </span>
    </li>
  );
}
