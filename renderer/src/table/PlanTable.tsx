/**
 * The plan table: sections with their actions in the plan's configured columns, virtualised with
 * @tanstack/react-virtual so a 1,200-action plan opens at once. Rows are keyboard operable (arrow keys
 * move, Enter opens the action form, Alt+Up/Down reorders, Delete deletes with undo) and draggable.
 *
 * Its parts: ActionRow.tsx (an action row's cells), Headers.tsx (section and objective header rows),
 * useRowFocus.ts (roving focus), useRowKeys.ts (keyboard), useRowDrag.ts (drag and drop),
 * useTableCommands.ts (add, move, delete, renumber) and useTableDialogs.tsx (the dialogs).
 */
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { TEMPLATES } from '../../../shared/templates';
import { actionTravel } from '../../../shared/dashboard';
import { Button } from '../components/Button';
import { indexTree, publishedProgress } from '../state/indexes';
import { useServices, useTree, useWorkspace } from '../state/context';
import { useToday } from '../state/useToday';
import type { JumpTarget } from '../App';
import { buildRows } from './rows';
import { FilterBar, useActionFilter } from './FilterBar';
import { ActionRow, gridTemplate } from './ActionRow';
import { ObjectiveHeader, SectionHeader } from './Headers';
import { useRowFocus } from './useRowFocus';
import { useRowKeys } from './useRowKeys';
import { useRowDrag } from './useRowDrag';
import { useReport, useTableCommands } from './useTableCommands';
import { useTableDialogs } from './useTableDialogs';
import { useConflicts } from '../sync/ConflictBadge';
import './table.css';

export { buildRows } from './rows';

export function PlanTable({ jump }: { jump: JumpTarget | null }) {
  const tree = useTree();
  const today = useToday();
  const { store, editor, periodId, openAction, openActionId } = useWorkspace();
  const { userName } = useServices();
  const conflicts = useConflicts();
  const [showArchived, setShowArchived] = useState(false);
  const index = indexTree(tree);
  const { filter, setFilter, people, reloadPeople, keep } = useActionFilter(index, periodId, userName);
  // Opened the fast way, only the first sections' rows may be in (issue 11.12): the table shows those and says
  // the rest is loading; a filter chosen meanwhile waits for every row.
  const pending = store.rowsPending;
  const waiting = store.rowsPartial;
  const rows = useMemo(
    () =>
      !waiting
        ? buildRows(index, showArchived, keep)
        : keep || !pending
          ? []
          : buildRows(index, showArchived).filter((r) => !pending.has(r.section.id)),
    [index, showArchived, keep, waiting, pending],
  );
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
  const objectiveNoun = nouns.objectiveNoun;
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) =>
      rows[i]?.kind === 'section' ? 38 : rows[i]?.kind === 'objective' ? 34 : rows[i]?.kind === 'empty' ? 36 : 62,
    overscan: 8,
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  const focus = useRowFocus(rows, virtualizer, scrollRef);
  const { activeKey, setActiveKey, rowIndexOf, focusAfterRender } = focus;
  const report = useReport();
  const dialogs = useTableDialogs({
    editor,
    sectionNoun: nouns.sectionNoun,
    objectiveNoun,
    focus,
    report,
  });
  const commands = useTableCommands(index, nouns, dialogs.ask, report);
  const onRowKey = useRowKeys(rows, focus, commands, dialogs);
  const drag = useRowDrag(index, editor, report);
  const { dropKey } = drag;
  const { addAction } = commands;

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

  const items = virtualizer.getVirtualItems();
  const activeIndex = activeKey ? rowIndexOf(activeKey) : -1;
  // One row is in the tab order: the active one, or the first rendered one when it has scrolled away.
  const tabStop = items.some((it) => it.index === activeIndex) ? activeIndex : (items[0]?.index ?? 0);

  return (
    <div className="plan-table-wrap">
      <div className="table-toolbar hstack">
        <Button variant="primary" small onClick={() => dialogs.editSection(null)}>
          + Add {nouns.sectionNoun.toLowerCase()}
        </Button>
        <label className="hstack small" style={{ gap: 4 }}>
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show
          archived
        </label>
        <Button small onClick={commands.askRenumber} title="Number every section and action again in the order shown">
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
        loading={waiting}
        userName={userName}
        onPeopleChanged={reloadPeople}
      />
      <div
        className="plan-table"
        role="table"
        aria-label={`${tree.plan.title}: plan table`}
        aria-rowcount={waiting ? -1 : rows.length + 1}
        aria-busy={waiting}
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
          {rows.length === 0 && !waiting ? (
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
                onDragOver: (e: DragEvent<HTMLDivElement>) => drag.onDragOver(e, row),
                onDragLeave: () => drag.onDragLeave(row),
                onDrop: (e: DragEvent<HTMLDivElement>) => drag.onDrop(e, row),
                style: { transform: `translateY(${item.start}px)` },
              };
              if (row.kind === 'section') {
                return (
                  <div
                    key={row.key}
                    {...common}
                    className={`pt-vrow pt-section-row${dropKey === row.key ? ' drop-target' : ''}${row.section.archived ? ' archived' : ''}`}
                    draggable
                    onDragStart={(e) => drag.onDragStart(e, row)}
                    aria-label={`${nouns.sectionNoun} ${row.section.number}: ${row.section.title}`}
                  >
                    <SectionHeader
                      section={row.section}
                      noun={nouns.sectionNoun}
                      count={row.count}
                      onAdd={() => void addAction(row.section)}
                      objectiveNoun={objectiveNoun}
                      onAddObjective={() => dialogs.editObjective(row.section, null)}
                      onEdit={() => dialogs.editSection(row.section)}
                      onMove={(d) => void editor.moveSection(row.section.id, d).catch(report)}
                      onArchive={() => void editor.archiveSection(row.section.id, !row.section.archived).catch(report)}
                      onDelete={() => commands.askDeleteSection(row.section, row.count)}
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
                    onDragStart={(e) => drag.onDragStart(e, row)}
                    aria-label={`${objectiveNoun}: ${o.title || 'Untitled'}${row.continued ? ' (continued)' : ''}`}
                  >
                    <ObjectiveHeader
                      row={row}
                      noun={objectiveNoun}
                      onAdd={() => void addAction(row.section, o)}
                      onRename={() => dialogs.editObjective(row.section, o)}
                      onMove={(d) => {
                        focusAfterRender.current = `o:${o.id}`;
                        void editor.moveObjective(o.id, d).catch(report);
                      }}
                      onArchive={() => void editor.archiveObjective(o.id, !o.archived).catch(report)}
                      onDelete={() => commands.askDeleteObjective(o, row.total)}
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
                  onDragStart={(e) => drag.onDragStart(e, row)}
                  onClick={() => openAction(row.action.id)}
                  aria-label={`Action ${row.action.reference}${conflicts.of(row.action.id).length ? ', has fields with 2 versions' : ''}`}
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
                    travel={actionTravel(index, row.action.id, periodId)}
                    index={index}
                    periodId={periodId}
                    today={today}
                    pending={!store.hasDetails(row.action.id)}
                    conflicts={conflicts.of(row.action.id)}
                  />
                </div>
              );
            })}
          </div>
          {waiting ? (
            <div className="pt-loading-row" role="row">
              <span role="cell" className="muted small">
                <span role="status">Loading the rest of the plan…</span>
              </span>
            </div>
          ) : null}
        </div>
      </div>
      {dialogs.dialogs}
    </div>
  );
}
