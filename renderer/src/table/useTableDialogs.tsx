/**
 * The plan table's dialogs: add / edit a section, add / rename an objective, and the confirmation before
 * a delete or a renumber. `dialogs` is the element to render; the openers show one.
 */
import { useState, type ReactNode } from 'react';
import type { Objective, Section } from '../../../shared/model';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { Editor } from '../state/editor';
import { SectionDialog } from './SectionDialog';
import { ObjectiveDialog } from './ObjectiveDialog';
import type { RowFocus } from './useRowFocus';

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel?: string;
  danger?: boolean;
  run(): Promise<void>;
}

export interface TableDialogs {
  editSection(section: Section | null): void;
  editObjective(section: Section, objective: Objective | null): void;
  ask(confirmation: Confirmation): void;
  dialogs: ReactNode;
}

export function useTableDialogs({
  editor,
  sectionNoun,
  objectiveNoun,
  focus,
  report,
}: {
  editor: Editor;
  sectionNoun: string;
  objectiveNoun: string;
  focus: Pick<RowFocus, 'focusRow' | 'focusAfterRender'>;
  report(error: unknown): void;
}): TableDialogs {
  const [sectionDialog, setSectionDialog] = useState<{ section: Section | null } | null>(null);
  const [objectiveDialog, setObjectiveDialog] = useState<{ section: Section; objective: Objective | null } | null>(
    null,
  );
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const { focusRow, focusAfterRender } = focus;

  const dialogs = (
    <>
      {sectionDialog ? (
        <SectionDialog
          section={sectionDialog.section}
          noun={sectionNoun}
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
          where={`${sectionNoun.toLowerCase()} ${objectiveDialog.section.number}`}
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
    </>
  );

  return {
    editSection: (section) => setSectionDialog({ section }),
    editObjective: (section, objective) => setObjectiveDialog({ section, objective }),
    ask: setConfirm,
    dialogs,
  };
}
