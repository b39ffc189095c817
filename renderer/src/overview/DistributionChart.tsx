/**
 * A stacked bar chart of the rating distribution by period (one bar per period, one segment per level),
 * drawn in SVG. Segments carry the level's shape and count as text, the legend shows each badge, and the
 * same figures are in a table for screen readers: never colour alone.
 */
import type { PlanTree } from '../../../shared/model';
import { contrastingTextColour } from '../../../shared/ratings';
import { RatingBadge, shapeOf } from '../components/RatingBadge';
import { liveActions } from '../../../shared/tree';
import { indexTree } from '../state/indexes';
import { CountCells } from './CountCells';

export interface PeriodDistribution {
  periodId: string;
  label: string;
  counts: { levelId: string; count: number }[];
  notRated: number;
}

/** Counts per level per period over the live actions (shared/tree.ts `liveActions`: the one archived rule). */
export function distributionByPeriod(tree: PlanTree): PeriodDistribution[] {
  const index = indexTree(tree);
  const actions = liveActions(index);
  return index.periods.map((p) => {
    const counts = new Map(index.levels.map((l) => [l.id, 0]));
    let notRated = 0;
    for (const a of actions) {
      const r = index.ratingOf(a.id, p.id);
      if (r?.levelId && counts.has(r.levelId)) counts.set(r.levelId, (counts.get(r.levelId) ?? 0) + 1);
      else notRated++;
    }
    return {
      periodId: p.id,
      label: p.label,
      counts: index.levels.map((l) => ({ levelId: l.id, count: counts.get(l.id) ?? 0 })),
      notRated,
    };
  });
}

/**
 * Whole-number gridline values from 0 to `total` at a round step (1, 2, 5, 10, 20, 25, 50...), at most five
 * steps, so a gridline never carries a rounded half ("3" drawn at 2.5).
 */
export function axisTicks(total: number): number[] {
  const top = Math.max(1, Math.floor(total));
  let step = 1;
  for (let unit = 1; top / step > 5; unit *= 10) {
    step = [1, 2, 2.5, 5].map((m) => m * unit).find((s) => Number.isInteger(s) && top / s <= 5) ?? 10 * unit;
  }
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

/** A period label for under its bar: whole words on up to two lines of about 12 characters, then "…". */
export function axisLabelLines(label: string, width = 12): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.trim().split(/\s+/)) {
    if (!line) line = word;
    else if (`${line} ${word}`.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const clip = (text: string) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  if (lines.length <= 2) return lines.map(clip);
  return [clip(lines[0]!), clip(`${lines[1]} ${lines.slice(2).join(' ')}`)];
}

export function DistributionChart({ tree }: { tree: PlanTree }) {
  const index = indexTree(tree);
  const data = distributionByPeriod(tree);
  if (data.length === 0) return null;
  const total = Math.max(1, ...data.map((d) => d.counts.reduce((s, c) => s + c.count, 0) + d.notRated));
  const barW = 52;
  const gap = 26;
  const chartH = 200;
  const left = 36;
  const width = left + data.length * (barW + gap) + 10;
  const height = chartH + (data.some((d) => axisLabelLines(d.label).length > 1) ? 58 : 44);
  return (
    <section aria-labelledby="ov-chart" className="chart-section">
      <h3 id="ov-chart">Ratings by period</h3>
      <div className="chart-legend" aria-hidden="true">
        {index.levels.map((l) => (
          <RatingBadge key={l.id} level={l} levels={index.levels} size="sm" />
        ))}
        <RatingBadge level={null} size="sm" />
      </div>
      <div className="chart-scroll">
        <svg width={width} height={height} role="img" aria-labelledby="ov-chart ov-chart-desc" className="chart">
          <desc id="ov-chart-desc">
            Stacked bars, one per reporting period; the same figures are in the table that follows.
          </desc>
          {axisTicks(total).map((t) => (
            <g key={t}>
              <line
                x1={left - 4}
                x2={width}
                y1={10 + chartH * (1 - t / total)}
                y2={10 + chartH * (1 - t / total)}
                stroke="#e2e5e9"
              />
              <text x={left - 8} y={14 + chartH * (1 - t / total)} textAnchor="end" fontSize="10" fill="#5e6670">
                {t}
              </text>
            </g>
          ))}
          {data.map((d, i) => {
            const x = left + i * (barW + gap);
            let y = 10 + chartH;
            const segs = [
              ...d.counts.map((c) => ({ ...c, level: index.levelById.get(c.levelId) ?? null })),
              { levelId: 'none', count: d.notRated, level: null },
            ];
            return (
              <g key={d.periodId}>
                {segs.map((s) => {
                  if (s.count === 0) return null;
                  const h = (chartH * s.count) / total;
                  y -= h;
                  const fill = s.level ? `#${s.level.colour}` : '#ffffff';
                  const fg = s.level ? `#${contrastingTextColour(s.level.colour)}` : '#5e6670';
                  const label = `${s.level ? shapeOf(s.level, index.levels) : '–'} ${s.count}`;
                  return (
                    <g key={s.levelId}>
                      <rect
                        x={x}
                        y={y}
                        width={barW}
                        height={h}
                        fill={fill}
                        stroke={s.level ? '#00000040' : '#9aa3ad'}
                        strokeDasharray={s.level ? undefined : '3 2'}
                      >
                        <title>{`${d.label}: ${s.level?.label ?? 'Not rated'} ${s.count}`}</title>
                      </rect>
                      {h >= 13 ? (
                        <text
                          x={x + barW / 2}
                          y={y + h / 2 + 4}
                          textAnchor="middle"
                          fontSize="11"
                          fontWeight="600"
                          fill={fg}
                        >
                          {label}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
                <text x={x + barW / 2} y={chartH + 26} textAnchor="middle" fontSize="11" fill="#1f2328">
                  {axisLabelLines(d.label).map((line, n) => (
                    <tspan key={n} x={x + barW / 2} dy={n === 0 ? 0 : 13}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <details className="chart-data">
        <summary>Chart figures as a table</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Period</th>
              {index.levels.map((l) => (
                <th scope="col" key={l.id} className="num">
                  {l.label}
                </th>
              ))}
              <th scope="col" className="num">
                Not rated
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.periodId}>
                <th scope="row">{d.label}</th>
                <CountCells counts={d.counts} notRated={d.notRated} />
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
