// The error shape every API method answers with, on every transport.
export type ErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'duplicate'
  | 'too_many_attempts'
  | 'internal';

/**
 * Why a 409 `conflict` was refused, for clients to word it without reading
 * the (English) message: the slot is taken, outside the doctor's hours, the
 * record changed at another workstation, the status does not allow it, or an
 * arrival not on the appointment's day.
 */
export type ConflictReason = 'slot_taken' | 'off_hours' | 'stale' | 'status' | 'not_today';

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    issues?: ApiIssue[];
    /** For conflict/duplicate: the current record(s), so the client can show them. */
    current?: unknown;
    reason?: ConflictReason;
  };
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  too_many_attempts: 429,
  internal: 500,
};
