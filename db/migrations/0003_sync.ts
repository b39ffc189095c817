/**
 * Schema version 3 (issue 10, offline sync for service leads): the operation log and everything the merge
 * needs, plus deterministic ids for rows with a natural key (ratings, action–recommendation links and
 * covering reports get the UUIDv5 of their key, so two copies creating "the same" row converge).
 * SHIPPED once merged: never edit; add a new migration instead.
 */
import { coveringReportId, linkId, ratingId } from '../ids';
import type { Migration } from './types';

const sql = /* sql */ `
-- Plans shared with leads: this copy's role for the plan (owner = the hub; lead = a service lead's copy).
CREATE TABLE sync_plans (
  plan_id TEXT PRIMARY KEY NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'lead')),
  person TEXT,
  owner_device TEXT,
  enabled_at TEXT NOT NULL
);

-- Every op this store holds (its own and received). status: applied | held | rejected.
CREATE TABLE sync_ops (
  op_id TEXT PRIMARY KEY NOT NULL,
  device TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  person TEXT NOT NULL,
  plan_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value_json TEXT NOT NULL,
  parents_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'applied',
  received_at TEXT NOT NULL,
  UNIQUE (device, seq)
);
CREATE INDEX sync_ops_plan ON sync_ops(plan_id, device, seq);
CREATE INDEX sync_ops_row ON sync_ops(row_id, field);

-- Supersession edges of applied ops, per field: child saw parent.
CREATE TABLE sync_edges (
  parent_id TEXT NOT NULL,
  field TEXT NOT NULL,
  child_id TEXT NOT NULL,
  PRIMARY KEY (parent_id, field, child_id)
) WITHOUT ROWID;

-- The multi-value registers: per row and field, the applied ops no other op supersedes.
CREATE TABLE sync_heads (
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  op_id TEXT NOT NULL,
  plan_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  PRIMARY KEY (row_id, field, op_id)
) WITHOUT ROWID;
CREATE INDEX sync_heads_plan ON sync_heads(plan_id);

-- Rows whose ops arrived before the row (or its parent) could be written: retried by every merge.
CREATE TABLE sync_pending (
  row_id TEXT PRIMARY KEY NOT NULL,
  plan_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  reason TEXT NOT NULL,
  since TEXT NOT NULL
);

-- Ops a lead sent that break a rule: kept with the reason for the owner to accept or reject.
-- Ops from a lead that can't be checked yet (their row hasn't arrived) wait with state 'waiting'.
CREATE TABLE sync_held (
  id TEXT PRIMARY KEY NOT NULL,
  op_id TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL,
  from_device TEXT,
  from_person TEXT,
  reason TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'held',
  held_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT
);
CREATE INDEX sync_held_plan ON sync_held(plan_id, state);

-- Trusted signing keys per plan (the owner's key on a lead's copy, leads' keys on the owner's).
CREATE TABLE sync_keys (
  plan_id TEXT NOT NULL,
  device TEXT NOT NULL,
  public_key TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (plan_id, device)
);

-- What each other device has acknowledged (its version vector), per plan.
CREATE TABLE sync_acks (
  plan_id TEXT NOT NULL,
  device TEXT NOT NULL,
  vv_json TEXT NOT NULL,
  PRIMARY KEY (plan_id, device)
);

-- Finding the rows one write touched (the op log's diff at commit).
CREATE INDEX rating_levels_touched ON rating_levels(plan_id, updated_at);
CREATE INDEX reporting_periods_touched ON reporting_periods(plan_id, updated_at);
CREATE INDEX recommendations_touched ON recommendations(plan_id, updated_at);
CREATE INDEX action_recommendations_touched ON action_recommendations(plan_id, updated_at);
CREATE INDEX sections_touched ON sections(plan_id, updated_at);
CREATE INDEX objectives_touched ON objectives(plan_id, updated_at);
CREATE INDEX actions_touched ON actions(plan_id, updated_at);
CREATE INDEX action_leads_touched ON action_leads(plan_id, updated_at);
CREATE INDEX ratings_touched ON ratings(plan_id, updated_at);
CREATE INDEX progress_touched ON progress_updates(plan_id, updated_at);
CREATE INDEX indicators_touched ON indicators(plan_id, updated_at);
CREATE INDEX covering_reports_touched ON covering_reports(plan_id, updated_at);
`;

export const m0003_sync: Migration = {
  version: 3,
  name: 'sync',
  up: (sqlite) => {
    sqlite.exec(sql);
    // Deterministic ids for existing natural-key rows (nothing references these ids but the audit log).
    const rekey = (
      table: string,
      rows: { id: string; a: string; b: string }[],
      idOf: (a: string, b: string) => string,
    ) => {
      const upd = sqlite.prepare(`UPDATE ${table} SET id = ? WHERE id = ?`);
      const audit = sqlite.prepare('UPDATE audit_log SET entity_id = ? WHERE entity_id = ?');
      for (const r of rows) {
        const id = idOf(r.a, r.b);
        if (id === r.id) continue;
        upd.run(id, r.id);
        audit.run(id, r.id);
      }
    };
    rekey('ratings', sqlite.prepare('SELECT id, action_id AS a, period_id AS b FROM ratings').all() as never, ratingId);
    rekey(
      'action_recommendations',
      sqlite.prepare('SELECT id, action_id AS a, recommendation_id AS b FROM action_recommendations').all() as never,
      linkId,
    );
    rekey(
      'covering_reports',
      sqlite.prepare('SELECT id, plan_id AS a, period_id AS b FROM covering_reports').all() as never,
      coveringReportId,
    );
  },
};
