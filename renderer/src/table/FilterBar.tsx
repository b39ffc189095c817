/**
 * The filter bar above the plan table (issue 11 point 3): my actions, by lead, overdue, due this period,
 * rating level, needs explanation, not updated this period, by recommendation. Every control is labelled
 * and keyboard reachable; toggles are buttons with aria-pressed; the count of shown actions is announced.
 */
import { useCallback, useContext, useEffect, useId, useMemo, useState } from 'react';
import type { Action, Person, Recommendation } from '../../../shared/model';
import { call } from '../api';
import type { TreeIndex } from '../state/indexes';
import { WorkspaceContext } from '../state/context';
import { Button } from '../components/Button';
import { plural } from '../../../shared/words';
import { actionPredicate, filterIsOn, leadList, NO_FILTER, type ActionFilter, type LeadChoice } from './filters';
import { LinkNameDialog } from './LinkNameDialog';

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The live people directory (empty until loaded); `reload` after a change such as linking a name. */
export function usePeople(): { people: Person[]; reload(): void } {
  const [people, setPeople] = useState<Person[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    call('people:list', { signatoriesOnly: false }).then(
      (list) => live && setPeople(list.filter((p) => p.deletedAt === null)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // People written through the Editor (linking a name, the People tab, their undo and redo) read again.
  const editor = useContext(WorkspaceContext)?.editor;
  useEffect(() => editor?.onPeopleChanged(reload), [editor, reload]);
  return { people, reload };
}

/** The filter's state, the people directory, and the predicate for `buildRows` (undefined when off). */
export function useActionFilter(index: TreeIndex, periodId: string | null, userName: string) {
  const [filter, setFilter] = useState<ActionFilter>(NO_FILTER);
  const { people, reload: reloadPeople } = usePeople();
  const keep = useMemo(
    () =>
      filterIsOn(filter)
        ? actionPredicate(filter, { index, periodId, userName, people, today: todayIso() })
        : undefined,
    [filter, index, periodId, userName, people],
  );
  return { filter, setFilter, people, reloadPeople, keep };
}

export function FilterBar({
  index,
  recommendations,
  filter,
  setFilter,
  people,
  shown,
  total,
  loading = false,
  userName,
  onPeopleChanged,
}: {
  index: TreeIndex;
  recommendations: readonly Recommendation[];
  filter: ActionFilter;
  setFilter(f: ActionFilter): void;
  people: readonly Person[];
  shown: number;
  total: number;
  /** Not every row is in yet (the plan is opening): the lead list and the count wait for them. */
  loading?: boolean;
  userName: string;
  /** After a name is linked to a person: reload the directory. */
  onPeopleChanged?(): void;
}) {
  const id = useId();
  const [linking, setLinking] = useState<string | null>(null);
  // The lead list reads every lead cell: worked out after the first screen is painted (when the browser is
  // idle, or at once when the list is used), so it does not hold up opening a large plan (issue 11.12).
  const [wantLeads, setWantLeads] = useState(false);
  useEffect(() => {
    if (wantLeads) return;
    const idle = window.requestIdleCallback(() => setWantLeads(true), { timeout: 2000 });
    return () => window.cancelIdleCallback(idle);
  }, [wantLeads]);
  // Keyed on the actions array (not the index) so a progress or rating save does not redo the list.
  const treeActions = index.tree.actions;
  const actions = useMemo(() => treeActions.filter((a: Action) => !a.archived && a.deletedAt === null), [treeActions]);
  const leads = useMemo(
    () => (!loading && (wantLeads || filter.lead) ? leadList(actions, people) : { people: [], bodies: [] }),
    [loading, wantLeads, filter.lead, actions, people],
  );
  // A name nobody in People has, or a team or body: offered "Link … to a person…".
  const unlinked = [...leads.people, ...leads.bodies].some((l) => l.name === filter.lead && !l.inDirectory);
  const option = (l: LeadChoice) => (
    <option key={l.name} value={l.name}>
      {`${l.name} (${plural(l.count, 'action')}${l.inDirectory || leads.bodies.includes(l) ? '' : ', not in People'})`}
    </option>
  );
  const recs = recommendations.filter((r) => r.deletedAt === null).sort((a, b) => a.position - b.position);
  const set = <K extends keyof ActionFilter>(key: K, value: ActionFilter[K]) => setFilter({ ...filter, [key]: value });
  const toggle = (
    key: 'mine' | 'overdue' | 'dueThisPeriod' | 'needsExplanation' | 'notUpdated',
    label: string,
    title?: string,
  ) => (
    <Button
      small
      variant={filter[key] ? 'primary' : 'default'}
      aria-pressed={filter[key]}
      onClick={() => set(key, !filter[key])}
      title={title}
    >
      {label}
    </Button>
  );
  const on = filterIsOn(filter);
  return (
    <div className="filter-bar hstack" role="group" aria-label="Filter actions">
      {toggle(
        'mine',
        'My actions',
        userName ? `Actions whose lead names ${userName}` : 'Set your name (“You:” in the header) first',
      )}
      <label className="visually-hidden" htmlFor={`${id}-lead`}>
        Lead
      </label>
      <select
        id={`${id}-lead`}
        value={filter.lead}
        onChange={(e) => set('lead', e.target.value)}
        onFocus={() => setWantLeads(true)}
        onPointerDown={() => setWantLeads(true)}
        className="filter-select"
      >
        <option value="">Any lead</option>
        {loading ? <option disabled>Loading the leads…</option> : null}
        {leads.bodies.length > 0 ? (
          <optgroup label="People">{leads.people.map(option)}</optgroup>
        ) : (
          leads.people.map(option)
        )}
        {leads.bodies.length > 0 ? <optgroup label="Teams and bodies">{leads.bodies.map(option)}</optgroup> : null}
      </select>
      {filter.lead && unlinked ? (
        <Button small onClick={() => setLinking(filter.lead)}>
          Link “{filter.lead}” to a person…
        </Button>
      ) : null}
      {linking !== null ? (
        <LinkNameDialog
          text={linking}
          people={people}
          onClose={() => setLinking(null)}
          onLinked={(person) => {
            setLinking(null);
            onPeopleChanged?.();
            setFilter({ ...filter, lead: person.name });
          }}
        />
      ) : null}
      {toggle('overdue', 'Overdue')}
      {toggle('dueThisPeriod', 'Due this period')}
      {index.levels.length > 0 ? (
        <>
          <label className="visually-hidden" htmlFor={`${id}-level`}>
            Rating
          </label>
          <select
            id={`${id}-level`}
            value={filter.levelId}
            onChange={(e) => set('levelId', e.target.value)}
            className="filter-select"
          >
            <option value="">Any rating</option>
            {index.levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
            <option value="none">Not rated</option>
          </select>
          {toggle('needsExplanation', 'Needs explanation')}
        </>
      ) : null}
      {toggle('notUpdated', 'Not updated this period')}
      {recs.length > 0 ? (
        <>
          <label className="visually-hidden" htmlFor={`${id}-rec`}>
            Recommendation
          </label>
          <select
            id={`${id}-rec`}
            value={filter.recommendationId}
            onChange={(e) => set('recommendationId', e.target.value)}
            className="filter-select"
          >
            <option value="">Any recommendation</option>
            {recs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {on ? (
        <Button small variant="quiet" onClick={() => setFilter(NO_FILTER)}>
          Clear filters
        </Button>
      ) : null}
      <span className="muted small filter-count" role="status" aria-live="polite">
        {on && loading
          ? 'Filtering once the whole plan is in…'
          : on
            ? `Showing ${shown} of ${total} ${total === 1 ? 'action' : 'actions'}`
            : ''}
      </span>
    </div>
  );
}
