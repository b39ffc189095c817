/**
 * An action's direction of travel against the compare period, as an arrow AND a word ("↑ Improved"),
 * never colour alone (issue 11 point 10). The rule is shared/ratings.ts's `actionDirection`, reached through
 * shared/dashboard.ts's `actionTravel`; nothing is shown without a comparison or a rating now.
 */
import { directionLabel, type Direction } from '../../../shared/ratings';

export function TravelTag({ direction }: { direction: Direction | null }) {
  if (direction === null || direction === 'not-rated') return null;
  const { arrow, words } = directionLabel(direction);
  return (
    <span className={`travel-tag direction-${direction}`} title={`Direction of travel: ${words}`}>
      <span aria-hidden="true">{arrow}</span> {words}
      <span className="visually-hidden"> since the compare period</span>
    </span>
  );
}
