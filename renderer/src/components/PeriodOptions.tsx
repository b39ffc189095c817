/** The options of a reporting-period `<select>`: each period's label, the current one marked. */
import type { ReportingPeriod } from '../../../shared/model';

export function PeriodOptions({
  periods,
  currentPeriodId,
  markLocked = false,
}: {
  periods: readonly ReportingPeriod[];
  currentPeriodId: string | null;
  markLocked?: boolean;
}) {
  return (
    <>
      {periods.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
          {p.id === currentPeriodId ? ' (current)' : ''}
          {markLocked && p.locked ? ' (locked)' : ''}
        </option>
      ))}
    </>
  );
}
