/**
 * The plan table: sections with their actions in the plan's configured columns, virtualised with
 * @tanstack/react-virtual so a 1,200-action plan opens at once. Rows are keyboard operable (arrow keys
 * move, Enter opens the action form, Alt+Up/Down reorders, Delete deletes with undo) and draggable.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { COLUMNS, type CellContext } from '../../../shared/columns';
import type {
  Action,
  ColumnConfig,
  ColumnField,
  Objective,
  PlanTree,
  ProgressUpdate,
  Rating,
  RatingLevel,
  Section,
} from '../../../shared/model';
import { TEMPLATES } from '../../../shared/templates';
import { isOverdue, parseDue } from '../../../shared/dates';
import { RatingBadge } from '../components/RatingBadge';
import { Button } from '../components/Button';
import { indexTree, publishedProgress, type TreeIndex } from '../state/indexes';
import { useServices, useTree, useWorkspace } from '../state/context';
import { useToday } from '../state/useToday';
import type { JumpTarget } from '../App';
import { SectionDialog } from './SectionDialog';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ObjectiveDialog } from './ObjectiveDialog';
import { buildRows, type Row } from './rows';
import { FilterBar, useActionFilter } from './FilterBar';
import './table.css';
import { errorText } from '../errors';

export { buildRows } from './rows';

/** The fields shown, per column list (the lead column takes the roles whose own column is hidden). */
const shownCache = new WeakMap<ColumnConfig[], ReadonlySet<ColumnField>>();
function shownFields(columns: ColumnConfig[]): ReadonlySet<ColumnField> {
  let shown = shownCache.get(columns);
  if (!shown) shownCache.set(columns, (shown = new Set(columns.map((c) => c.field))));
  return shown;
}

/** A cell's text from the column registry (shared/columns.ts), its lines joined with `separator`. */
function registryText(field: ColumnField, p: Omit<ActionRowProps, 'tree'>, separator: string): string {
  const ctx: CellContext = {
    objectiveTitle: (id) => p.index.objectiveById.get(id)?.title,
    recommendationLabel: (id) => p.index.recommendationLabel.get(id),
    levelOf: (actionId, periodId) => {
      const levelId = p.index.ratingOf(actionId, periodId)?.levelId;
      return levelId ? (p.index.levelById.get(levelId) ?? null) : null;
    },
    progressOf: () => (p.progress ? [p.progress] : []),
    periodId: p.periodId,
    historyPeriodIds: historyPeriods(p.index, p.periodId).map((h) => h.id),
    shown: shownFields(p.columns),
  };
  return COLUMNS[field].value(p.action, ctx).join(separator);
}

function gridTemplate(columns: ColumnConfig[]): string {
  return columns.map((c) => `minmax(${COLUMNS[c.field].minWidthPx}px, ${c.width}fr)`).join(' ');
}

export function PlanTable({ jump }: { jump: JumpTarget | null }) {
  const tree = useTree();
  const today = useToday();
  const { store, editor, periodId, openAction, openActionId } = useWorkspace();
  const { toast, undo, userName } = useServices();
  const [showArchived, setShowArchived] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [sectionDialog, setSectionDialog] = useState<{ section: Section | null } | null>(null);
  const [objectiveDialog, setObjectiveDialog] = useState<{ section: Section; objective: Objective | null } | null>(
    null,
  );
  const [confirm, setConfirm] = useState<{
    title: string;
    body: string;
    confirmLabel?: string;
    danger?: boolean;
    run(): Promise<void>;
  } | null>(null);
  const index = indexTree(tree);
  const { filter, setFilter, people, keep } = useActionFilter(index, periodId, userName);
  const rows = useMemo(() => buildRows(index, showArchived, keep), [index, showArchived, keep]);
  const shownActions = useMemo(() => (keep ? rows.filter((r) => r.kind === 'action').length : 0), [rows, keep]);
  const totalActions = useMemo(
    () => [...index.actionById.values()].filter((a) => showArchived || !a.archived).length,
    [index, showArchived],
  );
  // An objective's text shows once, in its band: its column is left out whenever the plan has objectives.
  const hasObjectives = tree.objectives.some((o) => o.deletedAt === null);
  const columns = useMemo(
    () => tree.plan.columns.filter((c) => c.visible && !(hasObjectives && c.field === 'objective')),
    [tree.plan.columns, hasObjectives],
  );
  const template = gridTemplate(columns);
  const nouns = TEMPLATES[tree.plan.template] ?? TEMPLATES.blank;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef<string | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) =>
      rows[i]?.kind === 'section' ? 38 : rows[i]?.kind === 'objective' ? 34 : rows[i]?.kind === 'empty' ? 36 : 62,
    overscan: 8,
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  const rowIndexOf = useCallback((key: string) => rows.findIndex((r) => r.key === key), [rows]);

  const focusRow = useCallback(
    (key: string) => {
      const i = rowIndexOf(key);
      if (i < 0) return;
      setActiveKey(key);
      focusAfterRender.current = key;
      virtualizer.scrollToIndex(i, { align: 'auto' });
      requestAnimationFrame(() => {
        const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
        if (el) {
          el.focus({ preventScroll: true });
          focusAfterRender.current = null;
        }
      });
    },
    [rowIndexOf, virtualizer],
  );

  useEffect(() => {
    const key = focusAfterRender.current;
    if (!key) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      focusAfterRender.current = null;
    }
  });

  // Jump from search: show the row and open it.
  useEffect(() => {
    if (!jump) return;
    const action = index.actionById.get(jump.actionId);
    if (action?.archived && !showArchived) setShowArchived(true);
    const key = `a:${jump.actionId}`;
    const i = rows.findIndex((r) => r.key === key);
    if (i >= 0) {
      setActiveKey(key);
      virtualizer.scrollToIndex(i, { align: 'center' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump, rows.length]);

  // Keep the open action's row in view.
  useEffect(() => {
    if (!openActionId) return;
    const i = rows.findIndex((r) => r.key === `a:${openActionId}`);
    if (i >= 0) {
      setActiveKey(`a:${openActionId}`);
      virtualizer.scrollToIndex(i, { align: 'auto' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openActionId]);

  const report = useCallback((error: unknown) => toast(errorText(error), { kind: 'error' }), [toast]);

  const moveActionBy = useCallback(
    async (action: Action, delta: number) => {
      const list = index.actionsBySection.get(action.sectionId) ?? [];
      const at = list.findIndex((a) => a.id === action.id);
      const to = at + delta;
      const neighbour = list[to];
      if (neighbour && neighbour.objectiveId !== action.objectiveId) {
        // Across an objective's header: first into the neighbouring group, staying in place.
        await editor.moveAction(action.id, action.sectionId, at, neighbour.objectiveId);
      } else if (neighbour) {
        await editor.moveAction(action.id, action.sectionId, to);
      } else {
        // Past the end of the section: into the neighbouring section.
        const sIdx = index.sections.findIndex((s) => s.id === action.sectionId);
        const neighbour = index.sections[sIdx + (delta < 0 ? -1 : 1)];
        if (!neighbour) return;
        const target = index.actionsBySection.get(neighbour.id) ?? [];
        await editor.moveAction(action.id, neighbour.id, delta < 0 ? target.length : 0);
      }
    },
    [editor, index],
  );

  const deleteAction = useCallback(
    async (action: Action) => {
      try {
        await editor.deleteAction(action.id);
        if (openActionId === action.id) openAction(null);
        toast(`Deleted action ${action.reference || ''}`.trim(), {
          action: { label: 'Undo', run: () => void undo.undo().catch(report) },
        });
      } catch (e) {
        report(e);
      }
    },
    [editor, openAction, openActionId, toast, undo, report],
  );

  const objectiveNoun = nouns.objectiveNoun;
  const askDeleteObjective = (objective: Objective, total: number) => {
    const noun = objectiveNoun.toLowerCase();
    const refs = (index.actionsBySection.get(objective.sectionId) ?? [])
      .filter((a) => a.objectiveId === objective.id)
      .map((a) => a.reference)
      .filter(Boolean);
    setConfirm({
      title: total === 0 ? `Delete ${noun}?` : `Delete ${noun} and its ${total === 1 ? 'action' : `${total} actions`}?`,
      body:
        total === 0
          ? `“${objective.title || 'Untitled'}” will be deleted. It has no actions. You can undo this (Ctrl+Z).`
          : `“${objective.title || 'Untitled'}” will be deleted together with ${total === 1 ? 'the action' : `the ${total} actions`} under it (${refs.join(', ')}), including their progress and ratings. You can undo this (Ctrl+Z).`,
      run: async () => {
        await editor.deleteObjective(objective.id);
        toast(
          total === 0 ? `Deleted ${noun}` : `Deleted ${noun} and ${total === 1 ? '1 action' : `${total} actions`}`,
          {
            action: { label: 'Undo', run: () => void undo.undo().catch(report) },
          },
        );
      },
    });
  };

  const askRenumber = () =>
    setConfirm({
      title: 'Renumber the whole plan?',
      body: `Every ${nouns.sectionNoun.toLowerCase()} will be numbered 1, 2, 3… in the order shown, and every action 1.1, 1.2… within its ${nouns.sectionNoun.toLowerCase()}. Numbers and references typed by hand (marked ✎), such as “7 (14)”, will be replaced. This cannot be undone: Undo will not bring the old numbers back.`,
      confirmLabel: 'Renumber',
      danger: false,
      run: async () => {
        await editor.renumberPlan();
        toast('Plan renumbered');
      },
    });

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, row: Row, i: number) => {
    if (e.target !== e.currentTarget) return;
    const go = (j: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (r) {
        e.preventDefault();
        focusRow(r.key);
      }
    };
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const delta = e.key === 'ArrowUp' ? -1 : 1;
      if (row.kind === 'action') {
        focusAfterRender.current = row.key;
        void moveActionBy(row.action, delta).catch(report);
      } else if (row.kind === 'section') {
        focusAfterRender.current = row.key;
        void editor.moveSection(row.section.id, delta).catch(report);
      } else if (row.kind === 'objective') {
        focusAfterRender.current = `o:${row.objective.id}`;
        void editor.moveObjective(row.objective.id, delta).catch(report);
      }
      return;
    }
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'PageDown') go(i + 10);
    else if (e.key === 'PageUp') go(i - 10);
    else if (e.key === 'Escape' && openActionId) {
      e.preventDefault();
      openAction(null);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (row.kind === 'action') openAction(row.action.id);
      else if (row.kind === 'objective') setObjectiveDialog({ section: row.section, objective: row.objective });
      else if (row.kind === 'section') setSectionDialog({ section: row.section });
      else void addAction(row.section, row.objective);
    } else if (e.key === 'Delete' && row.kind === 'action') {
      e.preventDefault();
      go(i + 1);
      void deleteAction(row.action);
    } else if (e.key === 'Delete' && row.kind === 'objective') {
      e.preventDefault();
      askDeleteObjective(row.objective, row.total);
    }
  };

  // Drag and drop: actions onto rows (before that row), sections onto section headers.
  const dragging = useRef<{ kind: 'action' | 'section' | 'objective'; id: string; sectionId: string } | null>(null);
  const [dropKey, setDropKey] = useState<string | null>(null);
  const onDragStart = (e: DragEvent, row: Row) => {
    if (row.kind === 'empty') return;
    dragging.current =
      row.kind === 'action'
        ? { kind: 'action', id: row.action.id, sectionId: row.section.id }
        : row.kind === 'objective'
          ? { kind: 'objective', id: row.objective.id, sectionId: row.section.id }
          : { kind: 'section', id: row.section.id, sectionId: row.section.id };
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', row.key);
  };
  const onDragOver = (e: DragEvent, row: Row) => {
    const d = dragging.current;
    if (!d) return;
    if (d.kind === 'section' && row.kind !== 'section') return;
    if (d.kind === 'objective' && (row.kind !== 'objective' || row.section.id !== d.sectionId)) return;
    e.preventDefault();
    setDropKey(row.key);
  };
  const onDrop = (e: DragEvent, row: Row) => {
    e.preventDefault();
    const d = dragging.current;
    dragging.current = null;
    setDropKey(null);
    if (!d) return;
    if (d.kind === 'section' && row.kind === 'section') {
      const order = index.sections.map((s) => s.id);
      const delta = order.indexOf(row.section.id) - order.indexOf(d.id);
      if (delta !== 0) void editor.moveSection(d.id, delta).catch(report);
      return;
    }
    if (d.kind === 'objective' && row.kind === 'objective') {
      const order = (index.objectivesBySection.get(row.section.id) ?? []).map((o) => o.id);
      const delta = order.indexOf(row.objective.id) - order.indexOf(d.id);
      if (delta !== 0) void editor.moveObjective(d.id, delta).catch(report);
      return;
    }
    if (d.kind !== 'action') return;
    const targetSection = row.section.id;
    const list = (index.actionsBySection.get(targetSection) ?? []).filter((a) => a.id !== d.id);
    const firstOf = (objectiveId: string) => {
      const j = list.findIndex((a) => a.objectiveId === objectiveId);
      return j < 0 ? list.length : j;
    };
    const at =
      row.kind === 'action'
        ? list.findIndex((a) => a.id === row.action.id)
        : row.kind === 'objective'
          ? firstOf(row.objective.id)
          : row.kind === 'empty' && row.objective
            ? list.length
            : 0;
    if (row.kind === 'action' && row.action.id === d.id) return;
    // Dropped among an objective's rows (or on its header), the action joins that objective.
    const objectiveId =
      row.kind === 'action'
        ? row.action.objectiveId
        : row.kind === 'objective'
          ? row.objective.id
          : row.kind === 'empty'
            ? (row.objective?.id ?? null)
            : undefined;
    void editor.moveAction(d.id, targetSection, Math.max(0, at), objectiveId).catch(report);
  };

  const addAction = async (section: Section, objective?: Objective | null) => {
    try {
      const last = (index.actionsBySection.get(section.id) ?? []).at(-1);
      const id = await editor.createAction(section.id, {
        objectiveId: objective !== undefined ? (objective?.id ?? null) : (last?.objectiveId ?? null),
      });
      openAction(id);
    } catch (e) {
      report(e);
    }
  };

  const items = virtualizer.getVirtualItems();
  const activeIndex = activeKey ? rowIndexOf(activeKey) : -1;
  // One row is in the tab order: the active one, or the first rendered one when it has scrolled away.
  const tabStop = items.some((it) => it.index === activeIndex) ? activeIndex : (items[0]?.index ?? 0);

  return (
    <div className="plan-table-wrap">
      <div className="table-toolbar hstack">
        <Button variant="primary" small onClick={() => setSectionDialog({ section: null })}>
          + Add {nouns.sectionNoun.toLowerCase()}
        </Button>
        <label className="hstack small" style={{ gap: 4 }}>
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show
          archived
        </label>
        <Button small onClick={askRenumber} title="Number every section and action again in the order shown">
          Renumber…
        </Button>
        <span className="spacer" />
        <span className="muted small" id="table-keys">
          <kbd>↑</kbd>/<kbd>↓</kbd> move between rows · <kbd>Enter</kbd> open · <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd>{' '}
          reorder · <kbd>Delete</kbd> delete
        </span>
      </div>
      <FilterBar
        index={index}
        recommendations={tree.recommendations}
        filter={filter}
        setFilter={setFilter}
        people={people}
        shown={shownActions}
        total={totalActions}
        userName={userName}
      />
      <div
        className="plan-table"
        role="table"
        aria-label={`${tree.plan.title}: plan table`}
        aria-rowcount={rows.length + 1}
        aria-describedby="table-keys"
        style={{ ['--cols' as string]: template }}
      >
        <div className="pt-head" role="rowgroup">
          <div className="pt-row pt-header-row" role="row" aria-rowindex={1}>
            {columns.map((c) => (
              <div key={c.field} role="columnheader" className={`pt-cell pt-col-${c.field}`}>
                {c.label}
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="pt-scroll" role="rowgroup" data-testid="plan-table-scroll">
          {rows.length === 0 ? (
            <div className="empty" role="row">
              <span role="cell">
                This plan has no {nouns.sectionNoun.toLowerCase()}s yet. Use “Add {nouns.sectionNoun.toLowerCase()}” to
                start.
              </span>
            </div>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const common = {
                'data-index': item.index,
                'data-row-key': row.key,
                ref: virtualizer.measureElement,
                role: 'row',
                'aria-rowindex': item.index + 2,
                tabIndex: item.index === tabStop ? 0 : -1,
                onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => onRowKey(e, row, item.index),
                onFocus: () => setActiveKey(row.key),
                onDragOver: (e: DragEvent<HTMLDivElement>) => onDragOver(e, row),
                onDragLeave: () => setDropKey((k) => (k === row.key ? null : k)),
                onDrop: (e: DragEvent<HTMLDivElement>) => onDrop(e, row),
                style: { transform: `translateY(${item.start}px)` },
              };
              if (row.kind === 'section') {
                return (
                  <div
                    key={row.key}
                    {...common}
                    className={`pt-vrow pt-section-row${dropKey === row.key ? ' drop-target' : ''}${row.section.archived ? ' archived' : ''}`}
                    draggable
                    onDragStart={(e) => onDragStart(e, row)}
                    aria-label={`${nouns.sectionNoun} ${row.section.number}: ${row.section.title}`}
                  >
                    <SectionHeader
                      section={row.section}
                      noun={nouns.sectionNoun}
                      count={row.count}
                      onAdd={() => void addAction(row.section)}
                      objectiveNoun={objectiveNoun}
                      onAddObjective={() => setObjectiveDialog({ section: row.section, objective: null })}
                      onEdit={() => setSectionDialog({ section: row.section })}
                      onMove={(d) => void editor.moveSection(row.section.id, d).catch(report)}
                      onArchive={() => void editor.archiveSection(row.section.id, !row.section.archived).catch(report)}
                      onDelete={() =>
                        setConfirm({
                          title: `Delete ${nouns.sectionNoun.toLowerCase()} ${row.section.number}?`,
                          body: `“${row.section.title || 'Untitled'}” and its ${row.count} action${row.count === 1 ? '' : 's'} will be deleted. You can undo this (Ctrl+Z).`,
                          run: async () => {
                            await editor.deleteSection(row.section.id);
                            toast(`Deleted ${nouns.sectionNoun.toLowerCase()} ${row.section.number}`, {
                              action: { label: 'Undo', run: () => void undo.undo().catch(report) },
                            });
                          },
                        })
                      }
                    />
                  </div>
                );
              }
              if (row.kind === 'objective') {
                const o = row.objective;
                return (
                  <div
                    key={row.key}
                    {...common}
                    className={`pt-vrow pt-objective-row${dropKey === row.key ? ' drop-target' : ''}${o.archived ? ' archived' : ''}`}
                    draggable
                    onDragStart={(e) => onDragStart(e, row)}
                    aria-label={`${objectiveNoun}: ${o.title || 'Untitled'}${row.continued ? ' (continued)' : ''}`}
                  >
                    <ObjectiveHeader
                      row={row}
                      noun={objectiveNoun}
                      onAdd={() => void addAction(row.section, o)}
                      onRename={() => setObjectiveDialog({ section: row.section, objective: o })}
                      onMove={(d) => {
                        focusAfterRender.current = `o:${o.id}`;
                        void editor.moveObjective(o.id, d).catch(report);
                      }}
                      onArchive={() => void editor.archiveObjective(o.id, !o.archived).catch(report)}
                      onDelete={() => askDeleteObjective(o, row.total)}
                    />
                  </div>
                );
              }
              if (row.kind === 'empty') {
                return (
                  <div
                    key={row.key}
                    {...common}
                    className={`pt-vrow pt-empty-row${row.objective ? ' in-objective' : ''}`}
                  >
                    <div role="cell" className="muted small">
                      {row.objective ? `No actions under this ${objectiveNoun.toLowerCase()} yet.` : 'No actions yet.'}{' '}
                      <button
                        type="button"
                        className="btn-link btn"
                        tabIndex={-1}
                        onClick={() => void addAction(row.section, row.objective)}
                      >
                        Add an action
                      </button>
                    </div>
                  </div>
                );
              }
              const rating = periodId ? index.ratingOf(row.action.id, periodId) : undefined;
              return (
                <div
                  key={row.key}
                  {...common}
                  className={`pt-vrow pt-row pt-action-row${row.action.id === openActionId ? ' selected' : ''}${row.action.archived || row.objective?.archived ? ' archived' : ''}${dropKey === row.key ? ' drop-target' : ''}`}
                  aria-selected={row.action.id === openActionId}
                  draggable
                  onDragStart={(e) => onDragStart(e, row)}
                  onClick={() => openAction(row.action.id)}
                  aria-label={`Action ${row.action.reference}`}
                  data-action-id={row.action.id}
                >
                  <ActionRow
                    tree={tree}
                    columns={columns}
                    action={row.action}
                    objective={row.objective}
                    repeatObjective={row.repeatObjective}
                    levels={index.levels}
                    rating={rating}
                    progress={publishedProgress(index, row.action.id, periodId)}
                    index={index}
                    periodId={periodId}
                    today={today}
                    pending={!store.hasDetails(row.action.id)}
                  />
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {sectionDialog ? (
        <SectionDialog
          section={sectionDialog.section}
          noun={nouns.sectionNoun}
          onClose={() => setSectionDialog(null)}
          onSave={async (values) => {
            if (sectionDialog.section) {
              await editor.updateSection(sectionDialog.section.id, values);
            } else {
              const id = await editor.createSection(values.title);
              if (values.number) await editor.updateSection(id, { number: values.number });
              if (values.description) await editor.updateSection(id, { description: values.description });
              requestAnimationFrame(() => focusRow(`s:${id}`));
            }
            setSectionDialog(null);
          }}
        />
      ) : null}
      {objectiveDialog ? (
        <ObjectiveDialog
          title={objectiveDialog.objective ? objectiveDialog.objective.title : null}
          noun={objectiveNoun}
          where={`${nouns.sectionNoun.toLowerCase()} ${objectiveDialog.section.number}`}
          onClose={() => setObjectiveDialog(null)}
          onSave={async (title) => {
            const current = objectiveDialog.objective;
            if (current) {
              await editor.updateObjective(current.id, title);
              focusAfterRender.current = `o:${current.id}`;
            } else {
              const id = await editor.createObjective(objectiveDialog.section.id, title);
              requestAnimationFrame(() => focusRow(`o:${id}`));
            }
            setObjectiveDialog(null);
          }}
        />
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={confirm.title}
          confirmLabel={confirm.confirmLabel ?? 'Delete'}
          danger={confirm.danger ?? true}
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await confirm.run();
            } catch (e) {
              report(e);
            }
            setConfirm(null);
          }}
        >
          <p>{confirm.body}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function SectionHeader({
  section,
  noun,
  count,
  onAdd,
  objectiveNoun,
  onAddObjective,
  onEdit,
  onMove,
  onArchive,
  onDelete,
}: {
  section: Section;
  noun: string;
  count: number;
  onAdd(): void;
  objectiveNoun: string;
  onAddObjective(): void;
  onEdit(): void;
  onMove(delta: number): void;
  onArchive(): void;
  onDelete(): void;
}) {
  const label = `${noun.toLowerCase()} ${section.number}`;
  return (
    <div role="cell" className="pt-section-cell">
      <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⠿
      </span>
      <span className="section-number">
        {noun} {section.number}
        {section.numberManual ? (
          <span className="manual-mark" title="Number typed by hand: it is not renumbered automatically">
            {' '}
            ✎<span className="visually-hidden"> (typed by hand)</span>
          </span>
        ) : null}
      </span>
      <span className="section-title">{section.title || <em className="muted">Untitled</em>}</span>
      {section.archived ? <span className="tag tag-neutral">Archived</span> : null}
      <span className="muted small nowrap">{count === 1 ? '1 action' : `${count} actions`}</span>
      <span className="spacer" />
      <span className="section-tools hstack" onClick={(e) => e.stopPropagation()}>
        <Button small onClick={onAdd} aria-label={`Add an action to ${label}`}>
          + Action
        </Button>
        <Button small onClick={onAddObjective} aria-label={`Add an ${objectiveNoun.toLowerCase()} to ${label}`}>
          + {objectiveNoun}
        </Button>
        <Button small variant="quiet" onClick={onEdit} aria-label={`Edit ${label}`}>
          Edit
        </Button>
        <MoveArchiveDeleteTools
          label={label}
          archived={section.archived}
          onMove={onMove}
          onArchive={onArchive}
          onDelete={onDelete}
        />
      </span>
    </div>
  );
}

/** The tools a section and an objective header share: move up / down, archive or unarchive, delete. */
function MoveArchiveDeleteTools({
  label,
  archived,
  onMove,
  onArchive,
  onDelete,
}: {
  label: string;
  archived: boolean;
  onMove(delta: number): void;
  onArchive(): void;
  onDelete(): void;
}) {
  return (
    <>
      <Button small variant="quiet" onClick={() => onMove(-1)} aria-label={`Move ${label} up`} title="Move up (Alt+↑)">
        ↑
      </Button>
      <Button
        small
        variant="quiet"
        onClick={() => onMove(1)}
        aria-label={`Move ${label} down`}
        title="Move down (Alt+↓)"
      >
        ↓
      </Button>
      <Button small variant="quiet" onClick={onArchive} aria-label={`${archived ? 'Unarchive' : 'Archive'} ${label}`}>
        {archived ? 'Unarchive' : 'Archive'}
      </Button>
      <Button small variant="quiet" className="btn-danger" onClick={onDelete} aria-label={`Delete ${label}`}>
        Delete
      </Button>
    </>
  );
}

/** The header row of an objective / outcome inside a section, with its tools. */
function ObjectiveHeader({
  row,
  noun,
  onAdd,
  onRename,
  onMove,
  onArchive,
  onDelete,
}: {
  row: Extract<Row, { kind: 'objective' }>;
  noun: string;
  onAdd(): void;
  onRename(): void;
  onMove(delta: number): void;
  onArchive(): void;
  onDelete(): void;
}) {
  const o = row.objective;
  const label = `${noun.toLowerCase()} “${o.title.length > 40 ? `${o.title.slice(0, 40)}…` : o.title || 'Untitled'}”`;
  return (
    <div role="cell" className="pt-objective-cell">
      <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⠿
      </span>
      <span className="objective-noun">{noun}</span>
      <span className="objective-title" title={o.title}>
        {o.title || <em className="muted">Untitled</em>}
        {row.continued ? <span className="muted"> (continued)</span> : null}
      </span>
      {o.archived ? <span className="tag tag-neutral">Archived</span> : null}
      <span className="muted small nowrap">{row.count === 1 ? '1 action' : `${row.count} actions`}</span>
      <span className="spacer" />
      <span className="section-tools hstack" onClick={(e) => e.stopPropagation()}>
        <Button small variant="quiet" onClick={onAdd} aria-label={`Add an action to ${label}`}>
          + Action
        </Button>
        <Button small variant="quiet" onClick={onRename} aria-label={`Rename ${label}`}>
          Rename
        </Button>
        <MoveArchiveDeleteTools
          label={label}
          archived={o.archived}
          onMove={onMove}
          onArchive={onArchive}
          onDelete={onDelete}
        />
      </span>
    </div>
  );
}

interface ActionRowProps {
  tree: PlanTree;
  columns: ColumnConfig[];
  action: Action;
  objective: Objective | null;
  repeatObjective: boolean;
  levels: RatingLevel[];
  rating: Rating | undefined;
  progress: ProgressUpdate | undefined;
  index: TreeIndex;
  periodId: string | null;
  /** Today (local, YYYY-MM-DD) for the overdue marker: changes at midnight (useToday). */
  today: string;
  /** Its ratings and progress are still loading (the plan opened with the first screen first). */
  pending: boolean;
}

/** One action row's cells. Memoised: it re-renders only when its own data changes. */
const ActionRow = memo(
  function ActionRow({
    columns,
    action,
    objective,
    repeatObjective,
    levels,
    rating,
    progress,
    index,
    periodId,
    today,
    pending,
  }: ActionRowProps) {
    return (
      <>
        {columns.map((c) => (
          <div key={c.field} role="cell" className={`pt-cell pt-col-${c.field}`}>
            {cellContent(c.field, {
              columns,
              action,
              objective,
              repeatObjective,
              levels,
              rating,
              progress,
              index,
              periodId,
              today,
              pending,
            })}
          </div>
        ))}
      </>
    );
  },
  (a, b) =>
    a.action === b.action &&
    a.objective === b.objective &&
    a.repeatObjective === b.repeatObjective &&
    a.rating === b.rating &&
    a.progress === b.progress &&
    a.columns === b.columns &&
    a.levels === b.levels &&
    a.periodId === b.periodId &&
    a.today === b.today &&
    a.pending === b.pending &&
    // Rating history reads other periods' ratings: refresh when the tree's ratings change.
    (!a.columns.some((c) => c.field === 'ratingHistory' || c.field === 'recommendations') || a.index === b.index),
);

/** Periods shown in the rating history column: up to the one being viewed (earlier first). */
function historyPeriods(index: TreeIndex, periodId: string | null) {
  const at = periodId ? index.periods.findIndex((p) => p.id === periodId) : -1;
  return at >= 0 ? index.periods.slice(0, at + 1) : index.periods;
}

const LOADING = <span className="muted small">Loading…</span>;

function cellContent(field: ColumnField, p: Omit<ActionRowProps, 'tree'>): React.ReactNode {
  const { action } = p;
  if (p.pending && (field === 'progress' || field === 'rating' || field === 'ratingHistory')) return LOADING;
  switch (field) {
    case 'reference':
      return (
        <span className="ref">
          <span className="drag-handle" aria-hidden="true">
            ⠿
          </span>
          {action.reference || '–'}
          {action.referenceManual ? (
            <span className="manual-mark" title="Reference typed by hand: it is not renumbered automatically">
              ✎<span className="visually-hidden"> (typed by hand)</span>
            </span>
          ) : null}
          {action.archived ? <span className="tag tag-neutral">Archived</span> : null}
        </span>
      );
    case 'objective':
      return p.objective ? (
        <span className={`clamp${p.repeatObjective ? ' repeat' : ''}`}>{p.objective.title}</span>
      ) : null;
    case 'description':
      return <span className="clamp">{action.description || <em className="muted">No action text yet</em>}</span>;
    case 'outcome':
      return <span className="clamp">{action.outcome}</span>;
    case 'progress':
      return p.progress ? (
        <span className="clamp">
          {p.progress.internal ? <span className="tag tag-internal">Internal</span> : null} {p.progress.body}
        </span>
      ) : (
        <span className="muted small">No update yet</span>
      );
    case 'dueDate': {
      const level = p.rating?.levelId ? p.index.levelById.get(p.rating.levelId) : undefined;
      const overdue =
        action.dueText.trim() !== '' &&
        !level?.countsAsComplete &&
        !action.archived &&
        !p.pending &&
        isOverdue(parseDue(action.dueText, { today: p.today }), p.today);
      return (
        <span className="due-cell">
          <span className="clamp">{action.dueText}</span>
          {overdue ? <span className="tag tag-danger">Overdue</span> : null}
        </span>
      );
    }
    case 'lead':
    case 'strategicLead':
    case 'operationalLead':
    case 'responsibleOfficer':
      return <span className="clamp">{registryText(field, p, '; ')}</span>;
    case 'recommendations':
      return <span className="clamp small">{registryText(field, p, ', ')}</span>;
    case 'rating': {
      if (p.levels.length === 0) return null;
      const level = p.rating?.levelId ? (p.index.levelById.get(p.rating.levelId) ?? null) : null;
      const missing =
        level?.requiresExplanation && !(p.rating?.explanation.trim() && p.rating?.correctiveAction.trim());
      return (
        <span className="rating-cell">
          <RatingBadge level={level} levels={p.levels} size="sm" />
          {missing ? <span className="tag tag-warn">Needs explanation</span> : null}
        </span>
      );
    }
    case 'ratingHistory':
      return (
        <span className="rating-history">
          {historyPeriods(p.index, p.periodId).map((period) => {
            const r = p.index.ratingOf(action.id, period.id);
            const level = r?.levelId ? (p.index.levelById.get(r.levelId) ?? null) : null;
            return (
              <span
                key={period.id}
                className="rating-history-item"
                title={`${period.label}: ${level?.label ?? 'Not rated'}`}
              >
                <span className="muted">{period.label.replace(/^RAG\s+/i, '')}</span>
                <RatingBadge level={level} levels={p.levels} size="sm" compact context={`in ${period.label}`} />
              </span>
            );
          })}
        </span>
      );
  }
}
