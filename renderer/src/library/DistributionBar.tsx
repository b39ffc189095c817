/**
 * A small stacked bar of a plan's ratings in its current period, with a legend that names every level
 * with its shape and count (never colour alone). Not-rated actions are a dashed grey segment.
 */
import type { PlanListItem } from '../../../shared/model';
import { LEVEL_SHAPES, contrastingTextColour } from '../../../shared/ratings';

export interface DistributionBarProps {
  distribution: PlanListItem['distribution'];
  notRated: number;
  /** For the accessible name, e.g. the current period label. */
  periodLabel?: string | null;
}

function safeHex(colour: string): string {
  const hex = colour.replace('#', '');
  return /^[0-9a-fA-F]{6}$/.test(hex) ? hex.toUpperCase() : 'BFBFBF';
}

export function DistributionBar({ distribution, notRated, periodLabel }: DistributionBarProps) {
  if (distribution.length === 0) return <span className="muted small">No rating scale</span>;
  const rated = distribution.reduce((s, d) => s + d.count, 0);
  const total = rated + notRated;
  if (total === 0) return <span className="muted small">No actions yet</span>;
  const parts = distribution.map((d, i) => ({ ...d, shape: LEVEL_SHAPES[i % LEVEL_SHAPES.length] ?? '■' }));
  const summary = [
    ...parts.filter((p) => p.count > 0).map((p) => `${p.label} ${p.count}`),
    ...(notRated > 0 ? [`not rated ${notRated}`] : []),
  ].join(', ');
  return (
    <div className="pw-dist" data-testid="distribution">
      <div className="pw-dist__bar" aria-hidden="true">
        {parts
          .filter((p) => p.count > 0)
          .map((p) => (
            <span
              key={p.levelId}
              className="pw-dist__seg"
              style={{
                flexGrow: p.count,
                backgroundColor: `#${safeHex(p.colour)}`,
                color: `#${contrastingTextColour(safeHex(p.colour))}`,
              }}
              title={`${p.label}: ${p.count}`}
            >
              {p.shape}
            </span>
          ))}
        {notRated > 0 ? (
          <span
            className="pw-dist__seg pw-dist__seg--none"
            style={{ flexGrow: notRated }}
            title={`Not rated: ${notRated}`}
          />
        ) : null}
      </div>
      <p className="pw-dist__legend">
        <span className="visually-hidden">{`Ratings${periodLabel ? ` in ${periodLabel}` : ''}: `}</span>
        {rated === 0 ? (
          <span aria-hidden="true">None rated yet</span>
        ) : (
          parts
            .filter((p) => p.count > 0)
            .map((p) => (
              <span key={p.levelId} className="pw-dist__item" aria-hidden="true">
                <span className="pw-dist__shape" style={{ color: `#${safeHex(p.colour)}` }}>
                  {p.shape}
                </span>
                {p.label} {p.count}
              </span>
            ))
        )}
        {notRated > 0 && rated > 0 ? (
          <span className="pw-dist__item pw-dist__item--none" aria-hidden="true">
            Not rated {notRated}
          </span>
        ) : null}
        <span className="visually-hidden">{rated === 0 ? `none rated yet, ${notRated} not rated` : summary}</span>
      </p>
    </div>
  );
}
