/**
 * The update round: for the chosen period (the current one by default), the actions that still need a
 * progress update, a rating or an explanation, filterable by lead ("my actions"), with next / previous
 * shortcuts (J / K outside text fields, Alt+N / Alt+P anywhere) and a done counter.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Action, Person } from '../../../shared/model';
import { leadMatches, leadsOfPlan, sameName } from '../../../shared/leads';
import { actionLedBy, personFor } from '../table/filters';
import { usePeople } from '../table/FilterBar';
import { indexTree, isArchivedAction, workStatus, type TreeIndex } from '../state/indexes';
import { useServices, useTree, useWorkspace } from '../state/context';
import { ActionForm } from '../action/ActionPanel';
import { RatingBadge } from '../components/RatingBadge';
import { isTextEntry } from '../keys';
import { PadlockIcon } from '../components/Icons';
import '../action/action.css';
import './round.css';

const EVERYONE = '';

/**
 * Live, non-archived actions in plan order, optionally only those the named lead leads: shared/leads.ts's
 * rule, so "F Dunmore" finds "Service Lead F Dunmore" and the names a person has in People count too.
 */
export function roundActions(index: TreeIndex, lead: string, people: readonly Person[] = []): Action[] {
  const out: Action[] = [];
  const who = lead.trim() ? personFor(lead, people) : null;
  for (const s of index.sections) {
    if (s.archived) continue;
    for (const a of index.actionsBySection.get(s.id) ?? []) {
      if (isArchivedAction(index, a)) continue;
      if (who && !actionLedBy(a, who, who.id ?? null)) continue;
      out.push(a);
    }
  }
  return out;
}

/** The people who lead actions in the plan (directory people first by name, then names read from lead cells). */
export function leadNames(index: TreeIndex, people: readonly Person[] = []): string[] {
  return roundLeads(index, people).people;
}

/**
 * "Whose actions": the people (as `leadNames`), then the teams and bodies, lead cells naming no person
 * ("Performance and Intelligence Team"), shared/leads.ts's `leadsOfPlan` as the plan table's Lead filter.
 */
export function roundLeads(index: TreeIndex, people: readonly Person[] = []): { people: string[]; bodies: string[] } {
  const actions = [...index.actionById.values()].filter((a) => !a.archived && a.deletedAt === null);
  const leads = leadsOfPlan(actions, people);
  return {
    people: leads.filter((l) => !l.body).map((l) => l.name),
    bodies: leads.filter((l) => l.body).map((l) => l.name),
  };
}

/**
 * The lead as listed (the same name written any way, or a listed name that names them, e.g. "F Dunmore"
 * for "Fiona Dunmore"), or everyone when nobody listed is them.
 */
export function knownLead(leads: readonly string[], lead: string, people: readonly Person[] = []): string {
  const key = lead.trim();
  if (!key) return EVERYONE;
  const who = personFor(key, people);
  return (
    leads.find((l) => sameName(l, key)) ??
    leads.find((l) => leadMatches(l, who) || leadMatches(key, personFor(l, people))) ??
    EVERYONE
  );
}

export function UpdateRound() {
  const tree = useTree();
  const { periodId } = useWorkspace();
  const index = indexTree(tree);
  const { userName } = useServices();
  // null until the user picks: then the round opens on their own actions when they lead any.
  const [chosenLead, setLead] = useState<string | null>(() => localStorage.getItem('planwright.roundLead'));
  const [includeDone, setIncludeDone] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const leadId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const formPane = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfterMove = useRef<'list' | 'heading' | 'keep' | null>(null);
  useEffect(() => {
    formPane.current?.scrollTo({ top: 0 });
    const how = focusAfterMove.current;
    focusAfterMove.current = null;
    if (how === 'list') listRef.current?.querySelector<HTMLElement>(`[data-id="${selected}"]`)?.focus();
    else if (how === 'heading') heading.current?.focus();
    else if (how === 'keep') {
      const active = document.activeElement;
      if (!active || active === document.body || (active instanceof HTMLButtonElement && active.disabled))
        heading.current?.focus();
    }
  }, [selected]);
  const period = periodId ? index.periodById.get(periodId) : undefined;
  const { people } = usePeople();
  const { people: leads, bodies } = useMemo(() => roundLeads(index, people), [index, people]);
  // The remembered lead may come from another plan: fall back to everyone rather than an empty round.
  const lead = knownLead(chosenLead === null ? leads : [...leads, ...bodies], chosenLead ?? userName, people);
  const me = knownLead(leads, userName, people);
  const inFilter = useMemo(() => roundActions(index, lead, people), [index, lead, people]);

  // Snapshot of what needed work when the round (re)started, so items don't vanish while being worked on.
  const [snapshot, setSnapshot] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!periodId) return;
    const ids = new Set(inFilter.filter((a) => !workStatus(index, a, periodId).done).map((a) => a.id));
    setSnapshot(ids);
    setSelected((s) => (s && ids.has(s) ? s : ([...ids][0] ?? null)));
    // Only when the filter or period changes, not on every save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lead, periodId, tree.plan.id]);

  const list = useMemo(
    () => inFilter.filter((a) => includeDone || snapshot.has(a.id)),
    [inFilter, includeDone, snapshot],
  );
  const doneCount = periodId ? inFilter.filter((a) => workStatus(index, a, periodId).done).length : 0;
  const at = list.findIndex((a) => a.id === selected);
  const current = at >= 0 ? list[at] : undefined;

  const go = (delta: number) => {
    const next = list[Math.max(0, Math.min(list.length - 1, (at < 0 ? 0 : at) + delta))];
    // At either end there is nowhere to go: leave the focus (and any typing) alone.
    if (!next || next.id === current?.id) return;
    // Keep the keyboard user's place: from the list (or nowhere) focus moves to the next item; from a
    // field (Alt+N) to the next action's heading; a Previous / Next button keeps the focus while it can.
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onNav = !!active?.closest('.round-nav');
    focusAfterMove.current = onNav ? 'keep' : active && isTextEntry(active) ? 'heading' : 'list';
    // Leaving a field saves what was typed (blur).
    if (!onNav) active?.blur?.();
    setSelected(next.id);
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  };
  const goRef = useRef(go);
  goRef.current = go;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey) return;
      const k = e.key.toLowerCase();
      if (e.altKey && (k === 'n' || k === 'p' || e.code === 'KeyN' || e.code === 'KeyP')) {
        e.preventDefault();
        goRef.current(k === 'n' || e.code === 'KeyN' ? 1 : -1);
      } else if (!e.altKey && !isTextEntry(e.target) && (k === 'j' || k === 'k')) {
        e.preventDefault();
        goRef.current(k === 'j' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!period) return <div className="page">Add a reporting period in Settings to start an update round.</div>;

  return (
    <div className="round">
      <div className="round-list-pane">
        <div className="round-controls">
          <h2>
            Update round: {period.label}
            {period.id === tree.plan.currentPeriodId ? <span className="tag tag-neutral">current period</span> : null}
          </h2>
          {period.locked ? (
            <p className="notice notice-warn">
              <PadlockIcon /> {period.label} is locked: it can be read but not changed.
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={leadId} className="field-label">
              Whose actions
            </label>
            <select
              id={leadId}
              value={lead}
              onChange={(e) => {
                setLead(e.target.value);
                localStorage.setItem('planwright.roundLead', e.target.value);
              }}
            >
              <option value={EVERYONE}>Everyone’s actions</option>
              {leads.map((l) => (
                <option key={l} value={l}>
                  {l === me ? `My actions (${l})` : l}
                </option>
              ))}
              {bodies.length > 0 ? (
                <optgroup label="Teams and bodies">
                  {bodies.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </div>
          <p className="round-counter" aria-live="polite" data-testid="round-counter">
            <strong>
              {doneCount} of {inFilter.length} done
            </strong>
            <span className="round-progress" aria-hidden="true">
              <span style={{ width: `${inFilter.length ? (100 * doneCount) / inFilter.length : 0}%` }} />
            </span>
          </p>
          <label className="hstack small" style={{ gap: 4 }}>
            <input type="checkbox" checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)} /> Show
            actions already done
          </label>
          <p className="small muted round-keys">
            Next <kbd>J</kbd> or <kbd>Alt</kbd>+<kbd>N</kbd> · Previous <kbd>K</kbd> or <kbd>Alt</kbd>+<kbd>P</kbd>
          </p>
        </div>
        {list.length === 0 ? (
          <p className="empty">
            {inFilter.length === 0 ? 'No actions for this lead.' : 'Nothing left to update. Well done.'}
          </p>
        ) : (
          <ol ref={listRef} className="plain-list round-list" aria-label="Actions in this round">
            {list.map((a, i) => {
              const st = workStatus(index, a, period.id);
              const r = index.ratingOf(a.id, period.id);
              const level = r?.levelId ? (index.levelById.get(r.levelId) ?? null) : null;
              return (
                <li key={a.id}>
                  <button
                    type="button"
                    data-id={a.id}
                    className={`round-item${a.id === selected ? ' selected' : ''}`}
                    aria-current={a.id === selected ? 'true' : undefined}
                    onClick={() => setSelected(a.id)}
                  >
                    <span className="round-item-head">
                      <strong>{a.reference}</strong>
                      <span className="muted small">
                        {i + 1} of {list.length}
                      </span>
                      <span className="spacer" />
                      {st.done ? <span className="tag tag-ok">✓ Done</span> : null}
                    </span>
                    <span className="round-item-text">{a.description || 'No action text'}</span>
                    <span className="round-item-needs">
                      {index.levels.length > 0 ? <RatingBadge level={level} levels={index.levels} size="sm" /> : null}
                      {!st.hasUpdate ? <span className="tag tag-warn">Needs update</span> : null}
                      {st.needsRating ? <span className="tag tag-warn">Needs rating</span> : null}
                      {st.needsExplanation ? <span className="tag tag-warn">Needs explanation</span> : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      <div className="round-form-pane" ref={formPane}>
        {current ? (
          <>
            <div className="round-nav hstack">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => go(-1)}
                disabled={at <= 0}
                aria-keyshortcuts="K Alt+P"
              >
                ← Previous
              </button>
              <span className="muted small">
                {at + 1} of {list.length}
              </span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => go(1)}
                disabled={at >= list.length - 1}
                aria-keyshortcuts="J Alt+N"
              >
                Next →
              </button>
            </div>
            <ActionForm key={current.id} action={current} tree={tree} headingRef={heading} compact />
          </>
        ) : (
          <p className="empty">Choose an action on the left.</p>
        )}
      </div>
    </div>
  );
}
