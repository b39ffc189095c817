/**
 * Full-text search (SQLite FTS5) over action text (description, outcome, objective title) and
 * progress bodies. The user's words are quoted (no FTS syntax reaches SQLite) and prefix-matched;
 * deleted rows, and rows under deleted sections or plans, are left out.
 */
import type { SearchHit } from '../../shared/contract';
import { prepare } from '../sql';
import type { Store } from '../store';

/** "rev  plan" -> '"rev"* "plan"*' (every word must appear). Null when no searchable word. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 20)
    .map((w) => `"${w}"*`)
    .join(' ');
}

const LIVE = 'a.deleted_at IS NULL AND s.deleted_at IS NULL AND p.deleted_at IS NULL AND (? IS NULL OR a.plan_id = ?)';

const ACTION_SQL = `
SELECT a.id AS action_id, a.plan_id, a.section_id, a.reference, snippet(actions_fts, 0, '[[', ']]', '…', 16) AS snippet, bm25(actions_fts) AS rank
FROM actions_fts JOIN actions a ON a.rid = actions_fts.rowid JOIN sections s ON s.id = a.section_id JOIN plans p ON p.id = a.plan_id
WHERE actions_fts MATCH ? AND ${LIVE} ORDER BY rank LIMIT ?`;

const PROGRESS_SQL = `
SELECT g.id AS progress_id, a.id AS action_id, a.plan_id, a.section_id, a.reference, snippet(progress_fts, 0, '[[', ']]', '…', 16) AS snippet, bm25(progress_fts) AS rank
FROM progress_fts JOIN progress_updates g ON g.rid = progress_fts.rowid JOIN actions a ON a.id = g.action_id
  JOIN sections s ON s.id = a.section_id JOIN plans p ON p.id = a.plan_id JOIN reporting_periods rp ON rp.id = g.period_id
WHERE progress_fts MATCH ? AND g.deleted_at IS NULL AND rp.deleted_at IS NULL AND ${LIVE} ORDER BY rank LIMIT ?`;

interface HitRow {
  action_id: string;
  plan_id: string;
  section_id: string;
  reference: string;
  snippet: string;
  rank: number;
  progress_id?: string;
}

export function search(store: Store, query: string, planId: string | undefined, limit: number): SearchHit[] {
  const match = ftsQuery(query);
  if (match === null) return [];
  const plan = planId ?? null;
  const actions = prepare(store.sqlite, ACTION_SQL).all(match, plan, plan, limit) as HitRow[];
  const progress = prepare(store.sqlite, PROGRESS_SQL).all(match, plan, plan, limit) as HitRow[];
  return [...actions.map((r) => ({ r, kind: 'action' as const })), ...progress.map((r) => ({ r, kind: 'progress' as const }))]
    .sort((x, y) => x.r.rank - y.r.rank)
    .slice(0, limit)
    .map(({ r, kind }) => ({
      kind,
      planId: r.plan_id,
      actionId: r.action_id,
      sectionId: r.section_id,
      progressId: r.progress_id ?? null,
      reference: r.reference,
      snippet: r.snippet,
    }));
}
