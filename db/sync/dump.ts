/** A canonical text of a plan's synced fields (every row, sorted), for checking that copies converged. */
import { prepare } from '../sql';
import type { Store } from '../store';
import { canon, ENTITIES, readFields } from './entities';

export function canonicalDump(store: Store, planId: string): string {
  const out: string[] = [];
  for (const spec of ENTITIES) {
    const key = spec.table === 'plans' ? 'id' : 'plan_id';
    const rows = prepare(store.sqlite, `SELECT * FROM ${spec.table} WHERE ${key} = ? ORDER BY id`).all(
      planId,
    ) as Record<string, unknown>[];
    for (const r of rows) out.push(`${spec.entity} ${String(r.id)} ${canon(readFields(spec, r))}`);
  }
  return out.join('\n');
}
