/**
 * The plan table's keyboard: arrows, Home/End and Page Up/Down move between rows; Alt+↑/↓ reorders actions,
 * objectives and sections; Enter or Space opens the action form (or renames the header, or adds an action
 * on an empty row); Delete deletes (with an Undo toast, or a confirmation for an objective); Escape closes
 * the open action form.
 */
import type { KeyboardEvent } from 'react';
import { useWorkspace } from '../state/context';
import type { Row } from './rows';
import type { RowFocus } from './useRowFocus';
import type { TableCommands } from './useTableCommands';
import type { TableDialogs } from './useTableDialogs';

export function useRowKeys(
  rows: Row[],
  focus: Pick<RowFocus, 'focusRow' | 'focusAfterRender'>,
  commands: TableCommands,
  dialogs: Pick<TableDialogs, 'editSection' | 'editObjective'>,
): (e: KeyboardEvent<HTMLDivElement>, row: Row, i: number) => void {
  const { editor, openAction, openActionId } = useWorkspace();
  const { focusRow, focusAfterRender } = focus;
  const { report } = commands;

  return (e, row, i) => {
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
        void commands.moveActionBy(row.action, delta).catch(report);
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
      else if (row.kind === 'objective') dialogs.editObjective(row.section, row.objective);
      else if (row.kind === 'section') dialogs.editSection(row.section);
      else void commands.addAction(row.section, row.objective);
    } else if (e.key === 'Delete' && row.kind === 'action') {
      e.preventDefault();
      go(i + 1);
      void commands.deleteAction(row.action);
    } else if (e.key === 'Delete' && row.kind === 'objective') {
      e.preventDefault();
      commands.askDeleteObjective(row.objective, row.total);
    }
  };
}
