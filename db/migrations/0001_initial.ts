/**
 * Schema version 1: every table, index, the FTS5 search index and the triggers that keep it current.
 * SHIPPED: never edit this migration; add a new one instead (see db/README.md).
 */
import type { Migration } from './types';

const sql = /* sql */ `
CREATE TABLE plans (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  service TEXT NOT NULL DEFAULT '',
  plan_period TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL DEFAULT 'blank',
  introduction TEXT NOT NULL DEFAULT '',
  governance TEXT NOT NULL DEFAULT '',
  recommendations_heading TEXT NOT NULL DEFAULT '',
  columns_json TEXT NOT NULL DEFAULT '[]',
  appendix_number INTEGER NOT NULL DEFAULT 1,
  current_period_id TEXT,
  compare_period_id TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE rating_levels (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  colour TEXT NOT NULL,
  value REAL,
  definition TEXT NOT NULL DEFAULT '',
  counts_as_complete INTEGER NOT NULL DEFAULT 0,
  can_be_removed INTEGER NOT NULL DEFAULT 0,
  requires_explanation INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX rating_levels_plan ON rating_levels(plan_id, position);

CREATE TABLE reporting_periods (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  start_date TEXT,
  end_date TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  locked_at TEXT,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX reporting_periods_plan ON reporting_periods(plan_id, position);

CREATE TABLE recommendations (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number INTEGER,
  label TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX recommendations_plan ON recommendations(plan_id, position);

CREATE TABLE sections (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number TEXT NOT NULL DEFAULT '',
  number_manual INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX sections_plan ON sections(plan_id, position);

CREATE TABLE objectives (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX objectives_plan ON objectives(plan_id);
CREATE INDEX objectives_section ON objectives(section_id, position);

CREATE TABLE actions (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  objective_id TEXT REFERENCES objectives(id) ON DELETE SET NULL,
  position INTEGER NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  reference_manual INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  due_text TEXT NOT NULL DEFAULT '',
  due_history_json TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX actions_plan ON actions(plan_id);
CREATE INDEX actions_section ON actions(section_id, position);
CREATE INDEX actions_objective ON actions(objective_id);

CREATE TABLE action_recommendations (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  recommendation_id TEXT NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  UNIQUE (action_id, recommendation_id)
);
CREATE INDEX action_recommendations_plan ON action_recommendations(plan_id);
CREATE INDEX action_recommendations_rec ON action_recommendations(recommendation_id);

CREATE TABLE people (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  job_title TEXT NOT NULL DEFAULT '',
  service TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  signatory INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX people_name ON people(name COLLATE NOCASE);

CREATE TABLE action_leads (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
  role TEXT NOT NULL DEFAULT 'lead',
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX action_leads_plan ON action_leads(plan_id);
CREATE INDEX action_leads_action ON action_leads(action_id, position);
CREATE INDEX action_leads_person ON action_leads(person_id);

CREATE TABLE ratings (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  period_id TEXT NOT NULL REFERENCES reporting_periods(id) ON DELETE CASCADE,
  level_id TEXT REFERENCES rating_levels(id) ON DELETE SET NULL,
  explanation TEXT NOT NULL DEFAULT '',
  corrective_action TEXT NOT NULL DEFAULT '',
  rated_by TEXT NOT NULL DEFAULT '',
  rated_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (action_id, period_id)
);
CREATE INDEX ratings_plan ON ratings(plan_id);
CREATE INDEX ratings_period ON ratings(period_id);
CREATE INDEX ratings_level ON ratings(level_id);

CREATE TABLE progress_updates (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  period_id TEXT NOT NULL REFERENCES reporting_periods(id) ON DELETE CASCADE,
  body TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  internal INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX progress_plan ON progress_updates(plan_id);
CREATE INDEX progress_action ON progress_updates(action_id, period_id);
CREATE INDEX progress_period ON progress_updates(period_id);

CREATE TABLE indicators (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  section_id TEXT REFERENCES sections(id) ON DELETE SET NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT 'other',
  polarity TEXT NOT NULL DEFAULT 'higher-is-better',
  baseline_label TEXT NOT NULL DEFAULT '',
  baseline REAL,
  sn_average REAL,
  values_json TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX indicators_plan ON indicators(plan_id, position);
CREATE INDEX indicators_section ON indicators(section_id);

CREATE TABLE covering_reports (
  id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  period_id TEXT NOT NULL REFERENCES reporting_periods(id) ON DELETE CASCADE,
  content_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, period_id)
);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  plan_id TEXT,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_entity ON audit_log(entity_id, at);
CREATE INDEX audit_plan ON audit_log(plan_id, at);

CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

-- Full-text search: action text (description, outcome and its objective's title) and progress bodies.
-- rowid = actions.rid / progress_updates.rid. Tombstones are filtered at query time.
CREATE VIRTUAL TABLE actions_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE progress_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER actions_fts_insert AFTER INSERT ON actions BEGIN
  INSERT INTO actions_fts(rowid, body) VALUES (
    new.rid,
    new.description || char(10) || new.outcome || char(10) || coalesce((SELECT title FROM objectives WHERE id = new.objective_id), '')
  );
END;
CREATE TRIGGER actions_fts_update AFTER UPDATE OF description, outcome, objective_id ON actions BEGIN
  UPDATE actions_fts SET body =
    new.description || char(10) || new.outcome || char(10) || coalesce((SELECT title FROM objectives WHERE id = new.objective_id), '')
  WHERE rowid = new.rid;
END;
CREATE TRIGGER actions_fts_delete AFTER DELETE ON actions BEGIN
  DELETE FROM actions_fts WHERE rowid = old.rid;
END;
CREATE TRIGGER objectives_fts_update AFTER UPDATE OF title ON objectives BEGIN
  UPDATE actions_fts SET body = (
    SELECT a.description || char(10) || a.outcome || char(10) || new.title FROM actions a WHERE a.rid = actions_fts.rowid
  ) WHERE rowid IN (SELECT rid FROM actions WHERE objective_id = new.id);
END;
CREATE TRIGGER progress_fts_insert AFTER INSERT ON progress_updates BEGIN
  INSERT INTO progress_fts(rowid, body) VALUES (new.rid, new.body);
END;
CREATE TRIGGER progress_fts_update AFTER UPDATE OF body ON progress_updates BEGIN
  UPDATE progress_fts SET body = new.body WHERE rowid = new.rid;
END;
CREATE TRIGGER progress_fts_delete AFTER DELETE ON progress_updates BEGIN
  DELETE FROM progress_fts WHERE rowid = old.rid;
END;
`;

export const m0001_initial: Migration = {
  version: 1,
  name: 'initial',
  up: (sqlite) => {
    sqlite.exec(sql);
  },
};
