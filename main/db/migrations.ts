// A static map of migrations rather than a folder scan: a folder scan breaks
// inside a packaged app (asar) and lets a stray file become a migration.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from '../../migrations/0001_core';
import * as m0002 from '../../migrations/0002_front_desk';
import * as m0003 from '../../migrations/0003_report_summaries';
import * as m0004 from '../../migrations/0004_history_import';
import * as m0005 from '../../migrations/0005_patient_list';
import * as m0006 from '../../migrations/0006_tasks';
import * as m0007 from '../../migrations/0007_messages';
import * as m0008 from '../../migrations/0008_campaigns';
import * as m0009 from '../../migrations/0009_report_speed';
import * as m0010 from '../../migrations/0010_campaign_messages';
import * as m0011 from '../../migrations/0011_visit_line_triggers';
import * as m0012 from '../../migrations/0012_period_summaries';
import * as m0013 from '../../migrations/0013_patient_summaries';
import * as m0014 from '../../migrations/0014_patient_debts';

const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_front_desk': m0002,
  '0003_report_summaries': m0003,
  '0004_history_import': m0004,
  '0005_patient_list': m0005,
  '0006_tasks': m0006,
  '0007_messages': m0007,
  '0008_campaigns': m0008,
  '0009_report_speed': m0009,
  '0010_campaign_messages': m0010,
  '0011_visit_line_triggers': m0011,
  '0012_period_summaries': m0012,
  '0013_patient_summaries': m0013,
  '0014_patient_debts': m0014,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const latestSchemaVersion = Object.keys(migrations).length;
