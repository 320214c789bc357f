import { z } from 'zod';
import { contract } from './contract';

export interface ImportRowError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  field: string;
  reason: string;
}

export interface ImportResult {
  dryRun: boolean;
  /** Rows of the file (for visits: service lines). */
  total: number;
  /** Rows that are (or would be) created; for visits, appointments. */
  created: number;
  /** Rows whose external id already exists: updated in place, never duplicated (a visit's lines are replaced). */
  updated: number;
  /**
   * Rows without an external id that match an existing patient (same phone, or name + birth date),
   * or an existing payment (same patient, time, amount, method and visit).
   */
  skipped: number;
  errors: ImportRowError[];
  /** False when nothing was written (dry run, or errors in all-or-nothing mode). */
  committed: boolean;
  /**
   * History imports: names the file used that the clinic did not know, added (or, in a dry run,
   * to be added) — doctors as inactive users who cannot sign in, services in the category "imported",
   * cancel/no-show reasons to the catalog.
   */
  added?: { doctors: string[]; services: string[]; reasons: string[] };
}

export const ImportPatientsInput = z.object({
  fileName: z.string().min(1).max(300),
  /** File content, base64: CSV (any common delimiter, UTF-8) or XLSX. */
  contentBase64: z.string().min(1).max(80_000_000),
  dryRun: z.boolean().default(false),
  /** When false, good rows are imported and bad ones only reported. */
  allOrNothing: z.boolean().default(true),
});

/** Visits and payments files take the same input as patients. */
export const ImportHistoryInput = ImportPatientsInput;

export const importContracts = {
  'import.patients': contract<ImportResult>()({ input: ImportPatientsInput, roles: ['admin', 'director'], write: true }),
  /** One row per service line; rows sharing visit_id are one appointment. */
  'import.visits': contract<ImportResult>()({ input: ImportHistoryInput, roles: ['admin', 'director'], write: true }),
  /** One row per payment; a negative amount is a refund. */
  'import.payments': contract<ImportResult>()({ input: ImportHistoryInput, roles: ['admin', 'director'], write: true }),
};
