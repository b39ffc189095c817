/**
 * Migration 3 (sync groundwork) re-keys the natural-key rows of an older store: a rating per action and
 * period, action–recommendation links and a covering report per plan and period get the UUIDv5 of their
 * key. An upgraded store must keep every one of them, with its content, and the audit history must follow
 * the new ids.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPlanFromDraft, getCoveringReport, getPlanTree, openStore, saveCoveringReport } from '../../db';
import { coveringReportId, linkId, ratingId } from '../../db/ids';
import { samplePlanForToday } from '../../shared/samples/dated-sample';
import { tempDir } from './helpers';

/** The tree without the ids migration 3 re-keys, for a before/after comparison. */
function content(tree: ReturnType<typeof getPlanTree>) {
  return {
    ...tree,
    ratings: tree.ratings.map(({ id: _id, ...r }) => r),
    actions: tree.actions.map((a) => ({ ...a })),
  };
}

describe('migration 3 on an older store', () => {
  it('keeps every rating, link and covering report, re-keyed to their natural keys, with their audit rows', async () => {
    const { MIGRATIONS } = await import('../../db/migrations');
    const file = `${tempDir()}/v2.sqlite`;
    const v2 = openStore(file, { migrations: MIGRATIONS.slice(0, 2), actor: 'Old Version' });
    const plan = createPlanFromDraft(v2, samplePlanForToday('2026-02-13'));
    const period = getPlanTree(v2, plan.id).periods.at(-1)!;
    saveCoveringReport(v2, plan.id, period.id, {
      ...getCoveringReport(v2, plan.id, period.id).content,
      title: 'Written before the upgrade',
    });
    const before = getPlanTree(v2, plan.id);
    expect(before.ratings.length).toBeGreaterThan(10);

    // An older version gave these rows random ids: put the store back in that state.
    const sqlite = v2.sqlite;
    const randomise = (table: string) => {
      const ids = sqlite.prepare(`SELECT id FROM ${table}`).pluck().all() as string[];
      const upd = sqlite.prepare(`UPDATE ${table} SET id = ? WHERE id = ?`);
      const audit = sqlite.prepare('UPDATE audit_log SET entity_id = ? WHERE entity_id = ?');
      for (const id of ids) {
        const fresh = randomUUID();
        upd.run(fresh, id);
        audit.run(fresh, id);
      }
      return ids.length;
    };
    const counts = {
      ratings: randomise('ratings'),
      links: randomise('action_recommendations'),
      reports: randomise('covering_reports'),
    };
    expect(counts.links).toBeGreaterThan(0);
    expect(counts.reports).toBe(1);
    const auditRows = Number(sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get());
    await v2.close();

    const v3 = openStore(file);
    const after = getPlanTree(v3, plan.id);
    expect(content(after)).toEqual(content(before));
    for (const r of after.ratings) expect(r.id).toBe(ratingId(r.actionId, r.periodId));

    const links = v3.sqlite
      .prepare('SELECT id, action_id AS a, recommendation_id AS b FROM action_recommendations')
      .all() as { id: string; a: string; b: string }[];
    expect(links).toHaveLength(counts.links);
    for (const l of links) expect(l.id).toBe(linkId(l.a, l.b));

    const report = getCoveringReport(v3, plan.id, period.id);
    expect(report.id).toBe(coveringReportId(plan.id, period.id));
    expect(report.content.title).toBe('Written before the upgrade');

    // The audit history follows the new ids: nothing points at an id that no longer exists.
    expect(Number(v3.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get())).toBeGreaterThanOrEqual(auditRows);
    const orphans = v3.sqlite
      .prepare(
        `SELECT count(*) FROM audit_log WHERE entity = 'coveringReport' AND entity_id NOT IN (SELECT id FROM covering_reports)`,
      )
      .pluck()
      .get();
    expect(Number(orphans)).toBe(0);
    const reportAudit = v3.sqlite
      .prepare(`SELECT count(*) FROM audit_log WHERE entity = 'coveringReport' AND entity_id = ?`)
      .pluck()
      .get(report.id);
    expect(Number(reportAudit)).toBeGreaterThan(0);
    await v3.close();
  });
});
