/**
 * Full-text search (SQLite FTS5) over action text (description, outcome, objective title) and
 * progress bodies, plus each action's lead cells and the text of the recommendations it answers (small
 * tables, matched word by word: "Murdock" finds every action he leads). The user's words are quoted (no FTS syntax reaches SQLite) and prefix-matched;
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

/** Lead cells and linked recommendations whose text holds the first word (the rest are checked in JS). */
const LEAD_SQL = `
SELECT a.id AS action_id, a.plan_id, a.section_id, a.reference, l.name AS text
FROM action_leads l JOIN actions a ON a.id = l.action_id JOIN sections s ON s.id = a.section_id JOIN plans p ON p.id = a.plan_id
WHERE l.name LIKE ? ESCAPE '\\' AND ${LIVE} ORDER BY a.position LIMIT ?`;

const RECOMMENDATION_SQL = `
SELECT a.id AS action_id, a.plan_id, a.section_id, a.reference, r.label || ': ' || r.text AS text
FROM action_recommendations ar JOIN recommendations r ON r.id = ar.recommendation_id JOIN actions a ON a.id = ar.action_id
  JOIN sections s ON s.id = a.section_id JOIN plans p ON p.id = a.plan_id
WHERE r.deleted_at IS NULL AND (r.text LIKE ? ESCAPE '\\' OR r.label LIKE ? ESCAPE '\\') AND ${LIVE} ORDER BY a.position LIMIT ?`;

interface TextRow {
  action_id: string;
  plan_id: string;
  section_id: string;
  reference: string;
  text: string;
}

/** The words of a query, lower-case (what FTS would match, for the small tables). */
function queryWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 20).map((w) => w.toLowerCase());
}

/** Text with each word that starts with a query word wrapped in [[ ]] (like FTS's snippet). */
function mark(text: string, words: readonly string[]): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => (words.some((q) => w.toLowerCase().startsWith(q)) ? `[[${w}]]` : w));
}

/** Every query word starts a word of the text (prefix match, as FTS does). */
function holdsAll(text: string, words: readonly string[]): boolean {
  const have = (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase());
  return words.every((q) => have.some((w) => w.startsWith(q)));
}

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
  // Leads and recommendations: an action found there (and not by its own text) ranks after text hits.
  const words = queryWords(query);
  const like = `%${words[0]!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const found = new Set(actions.map((r) => r.action_id));
  const extra: HitRow[] = [];
  const leadRows = prepare(store.sqlite, LEAD_SQL).all(like, plan, plan, limit * 4) as TextRow[];
  const recRows = prepare(store.sqlite, RECOMMENDATION_SQL).all(like, like, plan, plan, limit * 4) as TextRow[];
  for (const [rows, what] of [
    [leadRows, 'Lead'],
    [recRows, 'Answers'],
  ] as const) {
    for (const r of rows) {
      if (found.has(r.action_id) || !holdsAll(r.text, words)) continue;
      found.add(r.action_id);
      const text = r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text;
      extra.push({
        action_id: r.action_id,
        plan_id: r.plan_id,
        section_id: r.section_id,
        reference: r.reference,
        snippet: `${what}: ${mark(text, words)}`,
        rank: 1e9 + extra.length,
      });
    }
  }
  return [
    ...actions.map((r) => ({ r, kind: 'action' as const })),
    ...extra.map((r) => ({ r, kind: 'action' as const })),
    ...progress.map((r) => ({ r, kind: 'progress' as const })),
  ]
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
