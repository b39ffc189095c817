/**
 * The parts of the Overview the author needs on the night (issue 11 point 10): the actions rated at the
 * scale's worst levels with their explanations and a link to each; who has updated this period, by lead;
 * and each section's trend across every period as a small chart with the figures as a table. All computed
 * once per tree and period (shared/dashboard.ts), so the Overview stays quick on a large plan.
 */
import { useId, useMemo, useState } from 'react';
import type { PlanTree } from '../../../shared/model';
import {
  actionsOfConcern,
  sectionTrends,
  updatesByLead,
  type SectionTrend,
  type TrendPoint,
} from '../../../shared/dashboard';
import { plural } from '../../../shared/words';
import { RatingBadge } from '../components/RatingBadge';
import { usePeople } from '../table/FilterBar';
import type { TreeIndex } from '../state/indexes';

export function ConcernList({
  index,
  periodId,
  periodLabel,
  onOpenAction,
}: {
  index: TreeIndex;
  periodId: string | null;
  periodLabel: string;
  onOpenAction(actionId: string): void;
}) {
  const items = useMemo(() => actionsOfConcern(index, periodId), [index, periodId]);
  const worst = index.levels.filter((l) => l.requiresExplanation);
  if (worst.length === 0) return null;
  const names = worst.map((l) => l.label).join(' and ');
  return (
    <section aria-labelledby="ov-concern" className="overview-concern">
      <h3 id="ov-concern">
        {names} in {periodLabel} ({items.length})
      </h3>
      {items.length === 0 ? <p className="muted">No action is rated {names.toLowerCase()}.</p> : null}
      <ul className="plain-list concern-list">
        {items.map(({ action, level, rating }) => (
          <li key={action.id} className="concern-item">
            <div className="hstack concern-head">
              <RatingBadge level={level} levels={index.levels} size="sm" />
              <button
                type="button"
                className="btn btn-link"
                onClick={() => onOpenAction(action.id)}
                aria-label={`Open action ${action.reference}`}
              >
                {action.reference}
              </button>
              <span className="clip concern-title">{action.description}</span>
            </div>
            <dl className="concern-text">
              <dt>Explanation</dt>
              <dd>{rating.explanation.trim() || <span className="tag tag-warn">None given yet</span>}</dd>
              <dt>Corrective action</dt>
              <dd>{rating.correctiveAction.trim() || <span className="tag tag-warn">None given yet</span>}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LeadUpdatesTable({
  index,
  periodId,
  periodLabel,
}: {
  index: TreeIndex;
  periodId: string | null;
  periodLabel: string;
}) {
  const { people } = usePeople();
  const rows = useMemo(() => updatesByLead(index, periodId, people), [index, periodId, people]);
  const done = rows.filter((r) => r.updated === r.actions).length;
  return (
    <section aria-labelledby="ov-leads" className="overview-leads">
      <h3 id="ov-leads">Updates by lead in {periodLabel}</h3>
      <p className="small muted">
        {done} of {plural(rows.length, 'lead')} {done === 1 ? 'has' : 'have'} updated every action they lead. A public
        progress update counts; an internal note does not.
      </p>
      <div className="table-scroll">
        <table className="data-table lead-updates">
          <caption className="visually-hidden">Progress updates this period by lead</caption>
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Updated
              </th>
              <th scope="col">Still to update</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">
                  {r.name}
                  {r.inDirectory || r.body ? null : <span className="muted small"> (not in People)</span>}
                </th>
                <td>
                  {r.updated === r.actions ? (
                    <span className="tag tag-ok">✓ Updated</span>
                  ) : r.updated === 0 ? (
                    <span className="tag tag-danger">Not updated</span>
                  ) : (
                    <span className="tag tag-warn">Part updated</span>
                  )}
                </td>
                <td className="num">
                  {r.updated} of {r.actions}
                </td>
                <td className="small">{r.missing.length === 0 ? '–' : r.missing.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A trend point in words: "2.7", "60%" or "not rated yet". */
function pointText(p: TrendPoint, useMeans: boolean): string {
  const v = useMeans ? (p.mean === null ? null : p.shown) : p.onTrack === null ? null : `${p.onTrack}%`;
  return v ?? 'not rated yet';
}

const W = 160;
const H = 44;
const PAD = 5;

/** One section's trend: a line over the periods, each point marked, with a text alternative. */
function Sparkline({
  trend,
  useMeans,
  min,
  max,
}: {
  trend: SectionTrend;
  useMeans: boolean;
  min: number;
  max: number;
}) {
  const values = trend.points.map((p) => (useMeans ? p.mean : p.onTrack));
  const n = values.length;
  const x = (i: number) => (n <= 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (n - 1));
  const y = (v: number) => (max === min ? H / 2 : H - PAD - ((v - min) * (H - 2 * PAD)) / (max - min));
  const pts = values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
  const path = pts
    .map((p, i) =>
      p === null ? '' : `${i === 0 || pts[i - 1] === null ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}`,
    )
    .join(' ');
  const words = trend.points.map((p) => `${p.label}: ${pointText(p, useMeans)}`).join('; ');
  return (
    <svg
      className="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${trend.number} ${trend.title}: ${words}`}
    >
      <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} className="sparkline-axis" />
      <path d={path} className="sparkline-line" fill="none" />
      {pts.map((p, i) =>
        p === null ? null : <circle key={i} cx={p[0]} cy={p[1]} r={2.8} className="sparkline-dot" />,
      )}
    </svg>
  );
}

export function SectionTrends({ tree, sectionNoun }: { tree: PlanTree; sectionNoun: string }) {
  const { useMeans, sections, scale } = useMemo(() => sectionTrends(tree), [tree]);
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  // Means on the scale's own range (lowest to highest level), so every chart reads alike; shares 0-100%.
  const min = useMeans ? (scale?.bottom.score ?? 1) : 0;
  const max = useMeans ? (scale?.top.score ?? 1) : 100;
  const periods = sections[0]?.points ?? [];
  if (sections.length === 0 || periods.length === 0) return null;
  const measure = useMeans ? 'mean rating' : 'share on track or complete';
  return (
    <section aria-labelledby={`${id}-h`} className="overview-trends">
      <div className="hstack">
        <h3 id={`${id}-h`}>
          Trend by {sectionNoun.toLowerCase()} across {plural(periods.length, 'period')}
        </h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as charts' : 'Show as a table'}
        </button>
      </div>
      <p className="small muted">
        Each line is the {measure} per period, oldest on the left
        {!useMeans
          ? ', from 0% (bottom) to 100% (top)'
          : scale
            ? `, on the rating scale from ${scale.bottom.words} (bottom) to ${scale.top.words} (top)`
            : ''}
        .
      </p>
      {asTable ? (
        <div className="table-scroll">
          <table className="data-table trend-table">
            <caption className="visually-hidden">
              {sectionNoun} {measure} per period
            </caption>
            <thead>
              <tr>
                <th scope="col">{sectionNoun}</th>
                {periods.map((p) => (
                  <th scope="col" className="num" key={p.periodId}>
                    {p.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sections.map((s) => (
                <tr key={s.sectionId}>
                  <th scope="row">
                    <span className="nowrap">{s.number}</span> {s.title}
                  </th>
                  {s.points.map((p) => (
                    <td className="num" key={p.periodId}>
                      {useMeans ? p.shown : p.onTrack === null ? '–' : `${p.onTrack}%`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ul className="plain-list trend-grid">
          {sections.map((s) => (
            <li key={s.sectionId} className="trend-item">
              <span className="trend-title">
                <span className="nowrap">{s.number}</span> {s.title}
              </span>
              <Sparkline trend={s} useMeans={useMeans} min={min} max={max} />
              <span className="small muted trend-ends" aria-hidden="true">
                {s.points.map((p) => `${p.label}: ${pointText(p, useMeans)}`).join(' → ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
