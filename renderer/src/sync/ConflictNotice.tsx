/**
 * "This plan has N fields with 2 versions": shown where the plan is published (the export dialog), so an
 * appendix is not produced from an unsettled plan without the author knowing. Quiet when the plan is not
 * shared or nothing is in conflict.
 */
import { useEffect, useState } from 'react';
import { call } from '../api';
import { plural } from '../components/format';

export function ConflictNotice({ planId }: { planId: string }) {
  const [counts, setCounts] = useState<{ conflicts: number; heldBack: number } | null>(null);
  useEffect(() => {
    let live = true;
    call('sync:status', { planId }).then(
      (s) => live && setCounts({ conflicts: s.conflicts, heldBack: s.heldBack }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [planId]);
  if (!counts || (counts.conflicts === 0 && counts.heldBack === 0)) return null;
  const parts = [
    counts.conflicts ? `${plural(counts.conflicts, 'field')} with 2 versions` : null,
    counts.heldBack ? `${plural(counts.heldBack, 'change')} from leads held back` : null,
  ].filter(Boolean);
  return (
    <div className="notice notice-warn" role="status">
      This plan has {parts.join(' and ')} not yet settled. The appendix shows the latest version of each; settle them in
      the Sharing tab first if they matter for this report.
    </div>
  );
}
