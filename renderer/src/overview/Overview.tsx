/**
 * The overview for a period against a compare-with period (from `summary:get`): the rating summary by the
 * appendix's rule (`averagesMeanSomething`): on a numbered scale, per section the previous and current mean
 * (1 dp, half-up, computed by the store) with a direction arrow AND words and the overall pair; on a colour
 * key, counts per level (badges with labels) and the shares on track or complete and complete. Then a stacked
 * bar chart of the rating distribution by period, overdue actions, ratings that need an explanation (the first
 * 20 of each, then "Show all") and unanswered recommendations.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { PlanSummary } from '../../../shared/summary-schema';
import { directionLabel, type Direction } from '../../../shared/ratings';
import { TEMPLATES } from '../../../shared/templates';
import { call } from '../api';
import { PeriodOptions } from '../components/PeriodOptions';
import { RatingBadge } from '../components/RatingBadge';
import { indexTree } from '../state/indexes';
import { useTree, useWorkspace } from '../state/context';
import { CountCells } from './CountCells';
import { DistributionChart } from './DistributionChart';
import { ConcernList, LeadUpdatesTable, SectionTrends } from './NightDashboard';
import './overview.css';
import { errorText } from '../errors';
import { compareChoices, defaultCompareId } from '../../../shared/compare';
import {
  OVERVIEW_LIST_FIRST,
  overviewLists,
  standingCells,
  summaryExplanation,
  summaryUsesAverages,
} from '../../../shared/summary';
import type { ScaleLevel } from '../../../shared/ratings';

export function DirectionText({ direction }: { direction: Direction }) {
  const { arrow, words } = directionLabel(direction);
  return (
    <span className={`direction direction-${direction}`}>
      <span aria-hidden="true" className="direction-arrow">
        {arrow}
      </span>{' '}
      {words}
    </span>
  );
}

/** "6 (55%)" on track or complete and complete: the appendix's cells (shared/summary.ts standingCells). */
function StandingCells({
  group,
  levels,
}: {
  group: Pick<PlanSummary['overall'], 'counts'>;
  levels: readonly ScaleLevel[];
}) {
  const st = standingCells(group, levels);
  return (
    <>
      <td className="num">{st.onTrackOrComplete}</td>
      <td className="num">{st.complete}</td>
    </>
  );
}

const num = (n: number) => n.toLocaleString('en-GB');

/** "Show all 180 overdue actions" under a list cut to its first actions. */
function ShowAll({ total, shown, what, onShowAll }: { total: number; shown: number; what: string; onShowAll(): void }) {
  if (shown >= total) return null;
  return (
    <p className="small">
      <span className="muted">
        Showing the first {num(shown)} of {num(total)}.
      </span>{' '}
      <button type="button" className="btn btn-link" onClick={onShowAll}>
        Show all {num(total)} {what}
      </button>
    </p>
  );
}

export function Overview({ onOpenAction }: { onOpenAction(actionId: string): void }) {
  const tree = useTree();
  const { store } = useWorkspace();
  const index = indexTree(tree);
  const periods = index.periods;
  const [periodId, setPeriodId] = useState<string | null>(tree.plan.currentPeriodId ?? periods.at(-1)?.id ?? null);
  // The one compare-with rule (shared/compare.ts): the period before, re-chosen whenever the period changes.
  const [compareId, setCompareId] = useState<string | null>(() => defaultCompareId(periods, tree.plan, periodId));
  const choosePeriod = (id: string | null) => {
    setPeriodId(id);
    setCompareId(defaultCompareId(periods, tree.plan, id));
  };
  // The summary that came with the plan's first screen (default periods), else asked for below.
  const [first] = useState(() => {
    const s = store.takeFirstSummary();
    return s && s.periodId === periodId && s.compareId === compareId ? s : null;
  });
  const [summary, setSummary] = useState<PlanSummary | null>(first);
  // The summary is asked for again when the plan's content or the periods change; not when the whole tree
  // follows the first screen (the store's revision stays the same).
  const revision = store.revision;
  const answered = useRef<{ revision: number; periodId: string | null; compareId: string | null } | null>(
    first ? { revision, periodId, compareId } : null,
  );
  const [error, setError] = useState<string | null>(null);
  const pid = useId();
  const cid = useId();
  const nouns = TEMPLATES[tree.plan.template] ?? TEMPLATES.blank;

  useEffect(() => {
    // Already answered for this tree and these periods by the first screen.
    const a = answered.current;
    if (a && a.revision === revision && a.periodId === periodId && a.compareId === compareId) return;
    let live = true;
    call('summary:get', { planId: tree.plan.id, ...(periodId ? { periodId } : {}), compareId }).then(
      (s) => {
        if (live) {
          answered.current = { revision, periodId, compareId };
          setSummary(s);
          setError(null);
        }
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [tree.plan.id, revision, periodId, compareId]);

  const levelFor = (levelId: string) => index.levelById.get(levelId) ?? null;
  const actionRef = (id: string) => index.actionById.get(id)?.reference ?? '';
  const { overdue, unexplained } = summary ? overviewLists(summary) : { overdue: [], unexplained: [] };
  // Long lists show their first actions until "Show all" (the first screen carries only those).
  const [showAll, setShowAll] = useState<{ overdue: boolean; unexplained: boolean }>({
    overdue: false,
    unexplained: false,
  });
  const shownOverdue = showAll.overdue ? overdue : overdue.slice(0, OVERVIEW_LIST_FIRST);
  const shownUnexplained = showAll.unexplained ? unexplained : unexplained.slice(0, OVERVIEW_LIST_FIRST);
  const unanswered = (summary?.unansweredRecommendationIds ?? [])
    .map((id) => tree.recommendations.find((r) => r.id === id))
    .filter((r) => r !== undefined);
  const rated = index.levels.length > 0;
  // The one rule (shared/ratings.ts averagesMeanSomething), as in the appendix and the covering report.
  const liveLevels = index.levels.filter((l) => l.deletedAt === null);
  const useMeans = summaryUsesAverages(tree);
  const sectionNoun = nouns.sectionNoun.toLowerCase();
  const levelHeads = (
    <>
      {summary?.overall.counts.map((c) => (
        <th scope="col" key={c.levelId} className="num">
          <RatingBadge
            level={levelFor(c.levelId) ?? { id: c.levelId, position: 0, label: c.label, colour: c.colour }}
            levels={index.levels}
            size="sm"
          />
        </th>
      ))}
      <th scope="col" className="num">
        Not rated
      </th>
    </>
  );

  return (
    <div className="page overview">
      <div className="hstack overview-controls">
        <h2>Overview</h2>
        <span className="spacer" />
        <label htmlFor={pid} className="field-label">
          Period
        </label>
        <select id={pid} value={periodId ?? ''} onChange={(e) => choosePeriod(e.target.value || null)}>
          <PeriodOptions periods={periods} currentPeriodId={tree.plan.currentPeriodId} />
        </select>
        <label htmlFor={cid} className="field-label">
          Compare with
        </label>
        <select id={cid} value={compareId ?? ''} onChange={(e) => setCompareId(e.target.value || null)}>
          <option value="">(nothing)</option>
          {compareChoices(periods, periodId).map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p className="notice notice-danger" role="alert">
          Couldn't load the overview: {error}
        </p>
      ) : null}
      {!summary ? (
        <p className="muted">Loading the overview…</p>
      ) : (
        <>
          {!rated ? (
            <p className="notice notice-info">
              This plan has no rating scale, so there are no averages. Add a scale in Settings to rate actions.
            </p>
          ) : null}
          {rated && useMeans ? (
            <section aria-labelledby="ov-summary">
              <h3 id="ov-summary">
                {summary.compareLabel
                  ? `Rating summary: ${summary.compareLabel} to ${summary.periodLabel ?? '–'}`
                  : `Rating summary: ${summary.periodLabel ?? '–'} (no earlier period to compare with)`}
              </h3>
              <div className="table-scroll">
                <table className="data-table overview-table">
                  <caption className="visually-hidden">
                    Mean rating per {sectionNoun}, previous and current period, with direction of travel and counts per
                    level
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{nouns.sectionNoun}</th>
                      <th scope="col" className="num">
                        {summary.compareLabel ?? 'Previous'}
                        <span className="visually-hidden"> (mean)</span>
                      </th>
                      <th scope="col" className="num">
                        {summary.periodLabel ?? 'Current'}
                        <span className="visually-hidden"> (mean)</span>
                      </th>
                      <th scope="col">Direction of travel</th>
                      {levelHeads}
                    </tr>
                  </thead>
                  <tbody>
                    {summary.sections.map((s) => (
                      <tr key={s.sectionId} data-section={s.number}>
                        <th scope="row">
                          <span className="nowrap">{s.number}</span> {s.title}
                        </th>
                        <td className="num">{s.previous.oneDp}</td>
                        <td className="num">{s.current.oneDp}</td>
                        <td>
                          <DirectionText direction={s.direction} />
                        </td>
                        <CountCells counts={s.counts} notRated={s.notRated} />
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr data-section="overall">
                      <th scope="row">Overall</th>
                      <td className="num">{summary.overall.previous.oneDp}</td>
                      <td className="num">{summary.overall.current.oneDp}</td>
                      <td>
                        <DirectionText direction={summary.overall.direction} />
                      </td>
                      <CountCells counts={summary.overall.counts} notRated={summary.overall.notRated} />
                    </tr>
                  </tfoot>
                </table>
              </div>
              <p className="small muted">{summaryExplanation(liveLevels, sectionNoun)}</p>
            </section>
          ) : null}
          {rated && !useMeans ? (
            // A colour key without numbers: an average means nothing, so (as in the appendix and the covering
            // report) counts per level and the share on track or complete.
            <section aria-labelledby="ov-summary">
              <h3 id="ov-summary">Rating summary: {summary.periodLabel ?? '–'}</h3>
              <div className="table-scroll">
                <table className="data-table overview-table">
                  <caption className="visually-hidden">
                    Actions at each rating per {sectionNoun} in {summary.periodLabel ?? 'the period'}, with the share on
                    track or complete and the share complete
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{nouns.sectionNoun}</th>
                      {levelHeads}
                      <th scope="col" className="num">
                        On track or complete
                      </th>
                      <th scope="col" className="num">
                        Complete
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.sections.map((s) => (
                      <tr key={s.sectionId} data-section={s.number}>
                        <th scope="row">
                          <span className="nowrap">{s.number}</span> {s.title}
                        </th>
                        <CountCells counts={s.counts} notRated={s.notRated} />
                        <StandingCells group={s} levels={liveLevels} />
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr data-section="overall">
                      <th scope="row">Overall</th>
                      <CountCells counts={summary.overall.counts} notRated={summary.overall.notRated} />
                      <StandingCells group={summary.overall} levels={liveLevels} />
                    </tr>
                  </tfoot>
                </table>
              </div>
              <p className="small muted">{summaryExplanation(liveLevels, sectionNoun)}</p>
            </section>
          ) : null}
          {rated ? (
            store.partial ? null : (
              <ConcernList
                index={index}
                periodId={summary.periodId}
                periodLabel={summary.periodLabel ?? 'this period'}
                onOpenAction={onOpenAction}
              />
            )
          ) : null}
          {store.partial ? (
            <p className="muted" aria-busy="true">
              Loading the updates by lead, the trends and the rating distribution…
            </p>
          ) : (
            <>
              <LeadUpdatesTable
                index={index}
                periodId={summary.periodId}
                periodLabel={summary.periodLabel ?? 'this period'}
              />
              {rated ? <SectionTrends tree={tree} sectionNoun={nouns.sectionNoun} /> : null}
              {rated ? <DistributionChart tree={tree} /> : null}
            </>
          )}
          <div className="overview-lists">
            <section aria-labelledby="ov-overdue" className="overview-list">
              <h3 id="ov-overdue">Overdue actions ({overdue.length})</h3>
              {overdue.length === 0 ? <p className="muted">None.</p> : null}
              <ul className="plain-list">
                {shownOverdue.map((a) => {
                  const act = index.actionById.get(a.actionId);
                  return (
                    <li key={a.actionId}>
                      <button type="button" className="btn btn-link" onClick={() => onOpenAction(a.actionId)}>
                        {a.reference}
                      </button>{' '}
                      {act ? <span className="muted">due “{act.dueText}”</span> : null}{' '}
                      <span className="clip">{act?.description}</span>
                    </li>
                  );
                })}
              </ul>
              <ShowAll
                total={overdue.length}
                shown={shownOverdue.length}
                what="overdue actions"
                onShowAll={() => setShowAll((s) => ({ ...s, overdue: true }))}
              />
            </section>
            {rated ? (
              <section aria-labelledby="ov-unexplained" className="overview-list">
                <h3 id="ov-unexplained">Needing an explanation ({unexplained.length})</h3>
                <p className="small muted">
                  Rated at a level that needs an explanation and corrective action, without both.
                </p>
                {unexplained.length === 0 ? <p className="muted">None.</p> : null}
                <ul className="plain-list">
                  {shownUnexplained.map((a) => (
                    <li key={a.actionId}>
                      <span className="hstack">
                        <button type="button" className="btn btn-link" onClick={() => onOpenAction(a.actionId)}>
                          {actionRef(a.actionId) || a.reference}
                        </button>
                        <RatingBadge
                          level={a.currentLevelId ? levelFor(a.currentLevelId) : null}
                          levels={index.levels}
                          size="sm"
                        />
                      </span>
                      <span className="clip">{index.actionById.get(a.actionId)?.description}</span>
                    </li>
                  ))}
                </ul>
                <ShowAll
                  total={unexplained.length}
                  shown={shownUnexplained.length}
                  what="actions needing an explanation"
                  onShowAll={() => setShowAll((s) => ({ ...s, unexplained: true }))}
                />
              </section>
            ) : null}
            <section aria-labelledby="ov-unanswered" className="overview-list">
              <h3 id="ov-unanswered">Recommendations no action answers ({unanswered.length})</h3>
              {unanswered.length === 0 ? (
                <p className="muted">
                  {tree.recommendations.length === 0
                    ? 'This plan lists no recommendations.'
                    : 'Every recommendation is answered.'}
                </p>
              ) : null}
              <ul className="plain-list">
                {unanswered.map((r) => (
                  <li key={r!.id}>
                    <strong>{r!.label}</strong> <span className="clip">{r!.text}</span>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
