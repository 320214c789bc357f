// Field schemas shared by several domains, so a date or an id means the same
// thing in every method.
import { z } from 'zod';

export const id = z.number().int().positive();

/** A calendar date YYYY-MM-DD that really exists. */
export const isoDate = z.iso.date();

export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const requiredText = (max = 100) => z.string().trim().min(1).max(max);

/** Optimistic concurrency: the updated_at the client read. */
export const updatedAt = z.string().min(1);
