/** Test helpers for the plan store: temp folders, stores, row counts, a dispatcher. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStoreHandlers, openStore, type Store } from '../../db';
import { TABLES } from '../../db/schema';
import { createDispatcher } from '../../shared/dispatch';
import type { PlanDraft } from '../../shared/draft';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-db-'));
}

/** A fresh store in a new temp folder, with a fixed clock that ticks 1 ms per reading. */
export function freshStore(actor = 'Test Author'): { store: Store; dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'plans.sqlite');
  let t = Date.parse('2026-02-13T10:00:00.000Z');
  const store = openStore(file, { actor, now: () => new Date(t++) });
  return { store, dir, file };
}

/** Total rows in every table (audit included), for "nothing was written" checks. */
export function rowCounts(store: Store): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number(store.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
  return out;
}

export const ctx = { actor: 'Test Author', emit: () => undefined };

export function dispatcherFor(store: Store) {
  const errors: unknown[] = [];
  const dispatch = createDispatcher(createStoreHandlers(store), {
    validateOutput: true,
    onInternalError: (_c, e) => errors.push(e),
  });
  return { dispatch, errors };
}

/** A small draft: two sections, a RAG scale, two periods, one recommendation. */
export function smallDraft(): PlanDraft {
  return {
    title: 'Test improvement plan',
    organisation: 'Testshire County Council',
    template: 'blank',
    scale: [
      {
        key: 'R',
        label: 'Red',
        colour: 'FF0000',
        value: null,
        definition: 'Not started',
        countsAsComplete: false,
        canBeRemoved: false,
        requiresExplanation: true,
      },
      {
        key: 'A',
        label: 'Amber',
        colour: 'FFC000',
        value: null,
        definition: 'Some delay',
        countsAsComplete: false,
        canBeRemoved: false,
        requiresExplanation: true,
      },
      {
        key: 'G',
        label: 'Green',
        colour: '00B050',
        value: null,
        definition: 'On track',
        countsAsComplete: false,
        canBeRemoved: false,
        requiresExplanation: false,
      },
    ],
    periods: [{ label: 'March 2020' }, { label: 'May 2020' }],
    recommendations: [{ number: 1, label: 'Ofsted 1', text: 'Improve the quality of supervision.' }],
    sections: [
      {
        title: 'Leadership',
        actions: [
          {
            objective: 'Strong leadership',
            description: 'Recruit a permanent head of service',
            outcome: 'Stable leadership team',
            dueText: 'March 2020',
            leads: [{ name: 'J Tynan AD' }],
            recommendations: ['Ofsted 1'],
            ratings: [
              { period: 'March 2020', level: 'A', explanation: 'Interim in post', correctiveAction: 'Advert out' },
              { period: 'May 2020', level: 'G' },
            ],
            progress: [{ period: 'March 2020', body: 'Interviews held; the panel recommended a candidate.' }],
          },
          {
            objective: 'Strong leadership',
            description: 'Quarterly supervision audits',
            dueText: 'Quarterly (review March 2016)',
          },
        ],
      },
      {
        title: 'Practice',
        actions: [
          {
            description: 'Improve chronologies on case files',
            outcome: 'Chronologies up to date',
            progress: [{ period: 'May 2020', body: 'Chronology template launched in May.' }],
          },
        ],
      },
    ],
  };
}
