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
  total: number;
  /** Rows that are (or would be) created. */
  created: number;
  /** Rows whose external id already exists: updated in place, never duplicated. */
  updated: number;
  /** Rows without an external id that match an existing patient (same phone, or name + birth date). */
  skipped: number;
  errors: ImportRowError[];
  /** False when nothing was written (dry run, or errors in all-or-nothing mode). */
  committed: boolean;
}

export const ImportPatientsInput = z.object({
  fileName: z.string().min(1).max(300),
  /** File content, base64: CSV (any common delimiter, UTF-8) or XLSX. */
  contentBase64: z.string().min(1).max(80_000_000),
  dryRun: z.boolean().default(false),
  /** When false, good rows are imported and bad ones only reported. */
  allOrNothing: z.boolean().default(true),
});

export const importContracts = {
  'import.patients': contract<ImportResult>()({ input: ImportPatientsInput, roles: ['admin', 'director'], write: true }),
};
