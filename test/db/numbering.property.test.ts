import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree } from '../../db';
import { createAction, deleteAction, moveAction, restoreAction } from '../../db/services/actions';
import { createSection, deleteSection, restoreSection } from '../../db/services/sections';
import { freshStore, rowCounts } from './helpers';

type Op =
  | { kind: 'addSection'; after: number | null }
  | { kind: 'addAction'; section: number; after: number | null }
  | { kind: 'move'; action: number; section: number; index: number }
  | { kind: 'deleteAction'; action: number }
  | { kind: 'deleteSection'; section: number }
  | { kind: 'restore' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('addSection' as const), after: fc.option(fc.nat(6)) }),
  fc.record({ kind: fc.constant('addAction' as const), section: fc.nat(6), after: fc.option(fc.nat(10)) }),
  fc.record({ kind: fc.constant('move' as const), action: fc.nat(20), section: fc.nat(6), index: fc.nat(10) }),
  fc.record({ kind: fc.constant('deleteAction' as const), action: fc.nat(20) }),
  fc.record({ kind: fc.constant('deleteSection' as const), section: fc.nat(6) }),
  fc.record({ kind: fc.constant('restore' as const) }),
);

it('after any sequence of structural edits, sections are 1..n and actions "<section>.<n>" in order', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
      const { store } = freshStore();
      try {
        const plan = createPlanFromDraft(store, {
          title: 'Numbering',
          sections: [{ title: 'A', actions: [{ description: 'a1' }, { description: 'a2' }] }, { title: 'B' }],
        });
        const deleted: { kind: 'action' | 'section'; id: string }[] = [];
        for (const o of ops) {
          const tree = getPlanTree(store, plan.id);
          const section = (i: number) => tree.sections[i % Math.max(1, tree.sections.length)];
          const action = (i: number) => tree.actions[i % Math.max(1, tree.actions.length)];
          if (o.kind === 'addSection')
            createSection(
              store,
              { planId: plan.id, title: 'S', afterSectionId: o.after === null ? undefined : section(o.after)?.id },
              't',
            );
          else if (o.kind === 'addAction' && section(o.section)) {
            const s = section(o.section)!;
            const siblings = tree.actions.filter((a) => a.sectionId === s.id);
            const after =
              o.after === null || siblings.length === 0 ? undefined : siblings[o.after % siblings.length]!.id;
            createAction(
              store,
              {
                sectionId: s.id,
                objectiveId: null,
                afterActionId: after,
                description: 'new',
                outcome: '',
                dueText: '',
              },
              't',
            );
          } else if (o.kind === 'move' && action(o.action) && section(o.section))
            moveAction(
              store,
              { actionId: action(o.action)!.id, sectionId: section(o.section)!.id, objectiveId: null, index: o.index },
              't',
            );
          else if (o.kind === 'deleteAction' && action(o.action)) {
            deleteAction(store, action(o.action)!.id, 't');
            deleted.push({ kind: 'action', id: action(o.action)!.id });
          } else if (o.kind === 'deleteSection' && section(o.section)) {
            deleteSection(store, section(o.section)!.id, 't');
            deleted.push({ kind: 'section', id: section(o.section)!.id });
          } else if (o.kind === 'restore' && deleted.length > 0) {
            const last = deleted.pop()!;
            try {
              if (last.kind === 'action') restoreAction(store, last.id, 't');
              else restoreSection(store, last.id, 't');
            } catch {
              // its section was deleted since: refused, nothing changes
            }
          }
        }
        const tree = getPlanTree(store, plan.id);
        expect(tree.sections.map((s) => s.number)).toEqual(tree.sections.map((_, i) => String(i + 1)));
        for (const s of tree.sections) {
          const refs = tree.actions.filter((a) => a.sectionId === s.id).map((a) => a.reference);
          expect(refs).toEqual(refs.map((_, i) => `${s.number}.${i + 1}`));
        }
        expect(rowCounts(store).audit_log).toBeGreaterThan(0);
      } finally {
        void store.close();
      }
    }),
    { numRuns: 40 },
  );
});
