import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createPlanFromDraft, getPlanTree, type Store } from '../../db';
import { draftFromFixture2020 } from '../../shared/fixture-2020';
import { search } from '../../db/services/search';
import { freshStore } from './helpers';

const FIXTURE = '/work/shared/fixtures/continuous-development-plan-2020.json';
let store: Store;
afterEach(async () => store?.close());

it('stores the real 2020 plan exactly as written: 7 themes, 41 items, references and due texts as typed', () => {
  ({ store } = freshStore());
  const json = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as {
    sections: { number: number; items: { ref: string; by_when: string | null }[] }[];
  };
  const plan = createPlanFromDraft(store, draftFromFixture2020(json));
  const tree = getPlanTree(store, plan.id);
  expect(tree.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  expect(tree.actions).toHaveLength(41);
  const items = json.sections.flatMap((s) => s.items);
  expect(tree.actions.map((a) => a.reference)).toEqual(items.map((i) => i.ref));
  expect(tree.actions.map((a) => a.dueText)).toEqual(items.map((i) => i.by_when ?? ''));
  expect(tree.levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
  expect(tree.actions.filter((a) => a.recommendationIds.length > 0).length).toBeGreaterThanOrEqual(4);
  expect(search(store, 'transition', plan.id, 50).some((h) => h.reference === '3.1')).toBe(true);
});
