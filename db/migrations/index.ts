/**
 * Every migration, in order, imported statically (never read from a folder at run time, so the
 * bundled app carries them). Append new ones; never edit or reorder shipped ones.
 */
import { m0001_initial } from './0001_initial';
import { m0002_indicator_targets } from './0002_indicator_targets';
import { m0003_sync } from './0003_sync';
import { m0004_people_aliases } from './0004_people_aliases';
import { m0005_sync_merge_speed } from './0005_sync_merge_speed';
import { m0006_order_keys } from './0006_order_keys';
import { m0007_sync_heads_plan } from './0007_sync_heads_plan';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  m0001_initial,
  m0002_indicator_targets,
  m0003_sync,
  m0004_people_aliases,
  m0005_sync_merge_speed,
  m0006_order_keys,
  m0007_sync_heads_plan,
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION: number = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;
