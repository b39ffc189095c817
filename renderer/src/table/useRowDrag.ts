/**
 * The plan table's drag and drop: an action dropped on a row goes before that row (joining its objective
 * when dropped among an objective's rows or on its header); a section onto a section header; an objective
 * onto another objective's header in the same section. Every move goes through the Editor (undoable).
 */
import { useRef, useState, type DragEvent } from 'react';
import type { Editor } from '../state/editor';
import type { TreeIndex } from '../state/indexes';
import type { Row } from './rows';

export interface RowDrag {
  /** The row a drag is over (it shows as the drop target). */
  dropKey: string | null;
  onDragStart(e: DragEvent, row: Row): void;
  onDragOver(e: DragEvent, row: Row): void;
  onDragLeave(row: Row): void;
  onDrop(e: DragEvent, row: Row): void;
}

export function useRowDrag(index: TreeIndex, editor: Editor, report: (error: unknown) => void): RowDrag {
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
  const onDragLeave = (row: Row) => setDropKey((k) => (k === row.key ? null : k));
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

  return { dropKey, onDragStart, onDragOver, onDragLeave, onDrop };
}
