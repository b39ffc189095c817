/**
 * The plan-wide history screen (issue 11 point 7): who changed what in the plan, newest first, from the
 * audit log (`history:plan`), filtered by person and by reporting period, a page at a time ("Load more").
 * Long text changes show word by word (TextDiff); the wording of each change is the action panel's.
 */
import { useEffect, useId, useState } from 'react';
import type { AuditEntry, PlanTree } from '../../../shared/model';
import { call } from '../api';
import { describeEntry, FIELD_NAMES, isLongTextChange } from '../action/HistoryPanel';
import { longDateTime } from '../components/format';
import { PeriodOptions } from '../components/PeriodOptions';
import { TextDiff } from '../components/TextDiff';
import { errorText } from '../errors';
import { plural } from '../../../shared/words';
import { indexTree } from '../state/indexes';
import './history.css';

/** How many changes one page brings (the channel allows up to 500). */
export const HISTORY_PAGE = 100;

/** What a change was made to, in words: "Action 1.2", "the rating of action 1.2 for March 2020". */
export function subjectOf(e: AuditEntry, tree: PlanTree): string {
  const index = indexTree(tree);
  const actionRef = (id: string | undefined) => {
    const a = id ? index.actionById.get(id) : undefined;
    return a ? `action ${a.reference || '(no reference)'}` : 'an action no longer in the plan';
  };
  const periodLabel = (id: string) => index.periodById.get(id)?.label ?? 'a removed period';
  switch (e.entity) {
    case 'action':
      return capital(actionRef(e.entityId));
    case 'rating': {
      const r = tree.ratings.find((x) => x.id === e.entityId);
      return r ? `Rating of ${actionRef(r.actionId)}, ${periodLabel(r.periodId)}` : 'A rating';
    }
    case 'progress': {
      const p = tree.progress.find((x) => x.id === e.entityId);
      return p ? `Progress update on ${actionRef(p.actionId)}, ${periodLabel(p.periodId)}` : 'A progress update';
    }
    case 'section': {
      const s = index.sectionById.get(e.entityId);
      return s ? `Section ${s.number} ${s.title}` : 'A section';
    }
    case 'objective': {
      const o = index.objectiveById.get(e.entityId);
      return o ? `Objective “${o.title}”` : 'An objective';
    }
    case 'period':
      return `Reporting period ${periodLabel(e.entityId)}`;
    case 'level':
      return `Rating level ${index.levelById.get(e.entityId)?.label ?? ''}`.trim();
    case 'plan':
      return 'The plan';
    case 'coveringReport':
      return 'The covering report';
    default:
      return capital(e.entity);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function PlanHistory({ tree }: { tree: PlanTree }) {
  const planId = tree.plan.id;
  const personId = useId();
  const periodId = useId();
  const [person, setPerson] = useState('');
  const [period, setPeriod] = useState('');
  const [actors, setActors] = useState<string[]>([]);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const index = indexTree(tree);
  const levelName = (id: string) => index.levelById.get(id)?.label;
  const periods = tree.periods.filter((p) => p.deletedAt === null);

  useEffect(() => {
    let live = true;
    call('history:actors', { planId }).then(
      (list) => live && setActors(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [planId, tree]);

  const load = (before: string | undefined, live: () => boolean = () => true) => {
    setLoading(true);
    setError(null);
    call('history:plan', {
      planId,
      limit: HISTORY_PAGE,
      ...(person ? { person } : {}),
      ...(period ? { periodId: period } : {}),
      ...(before ? { before } : {}),
    }).then(
      (page) => {
        if (!live()) return;
        setEntries((old) => (before && old ? [...old, ...page] : page));
        setMore(page.length === HISTORY_PAGE);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live()) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    let live = true;
    load(undefined, () => live);
    return () => {
      live = false;
    };
    // Reload when a filter or the plan changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planId, person, period, tree]);

  const filtered = person !== '' || period !== '';
  return (
    <section className="plan-history" aria-labelledby={`${personId}-title`}>
      <h2 id={`${personId}-title`}>History</h2>
      <p className="muted">Every change to this plan, newest first: who made it, when, and what it was.</p>
      <div className="hstack history-filters" role="group" aria-label="Filter the history">
        <label htmlFor={personId}>Person</label>
        <select id={personId} value={person} onChange={(e) => setPerson(e.target.value)}>
          <option value="">Everyone</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a || 'Someone (no name recorded)'}
            </option>
          ))}
        </select>
        <label htmlFor={periodId}>Period</label>
        <select id={periodId} value={period} onChange={(e) => setPeriod(e.target.value)}>
          <option value="">Any time</option>
          <PeriodOptions periods={periods} currentPeriodId={tree.plan.currentPeriodId} />
        </select>
        {filtered ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setPerson('');
              setPeriod('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {period ? (
        <p className="muted small">
          Changes made between the period's start and end dates, and changes to its ratings and progress updates.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="field-error">
          Couldn't load the history: {error}
        </p>
      ) : null}
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries?.length === 0 ? (
        <p className="muted">{filtered ? 'No changes match these filters.' : 'No changes recorded yet.'}</p>
      ) : null}
      {entries && entries.length > 0 ? (
        <table className="history-table">
          <caption className="visually-hidden">Changes to the plan, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{longDateTime(e.at)}</td>
                <td>{e.actor || 'Someone'}</td>
                <td>{subjectOf(e, tree)}</td>
                <td>
                  {isLongTextChange(e) ? (
                    <>
                      changed the {FIELD_NAMES[e.field!] ?? e.field}:{' '}
                      <TextDiff before={e.oldValue ?? ''} after={e.newValue ?? ''} />
                    </>
                  ) : (
                    describeEntry(e, levelName)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {more ? (
        <button
          type="button"
          className="btn"
          disabled={loading}
          onClick={() => load(entries?.[entries.length - 1]?.id)}
        >
          {loading ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {entries ? `${plural(entries.length, 'change')} shown` : ''}
      </p>
    </section>
  );
}
