/** Picks the reporting period being edited; marks the current one and locked ones. */
import { useId } from 'react';
import type { PlanTree } from '../../../shared/model';
import { indexTree } from '../state/indexes';
import { PeriodOptions } from '../components/PeriodOptions';

export function PeriodPicker({
  tree,
  periodId,
  onChange,
  label = 'Period',
}: {
  tree: PlanTree;
  periodId: string | null;
  onChange(id: string): void;
  label?: string;
}) {
  const id = useId();
  const periods = indexTree(tree).periods;
  if (periods.length === 0) return <span className="muted small">No reporting periods yet (add one in Settings)</span>;
  return (
    <div className="hstack period-picker" style={{ gap: 6, paddingBottom: 6 }}>
      <label htmlFor={id} className="field-label" title="Reporting period">
        {label}
      </label>
      <select id={id} value={periodId ?? ''} onChange={(e) => onChange(e.target.value)}>
        <PeriodOptions periods={periods} currentPeriodId={tree.plan.currentPeriodId} markLocked />
      </select>
    </div>
  );
}
