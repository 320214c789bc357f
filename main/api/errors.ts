import type { ApiIssue, ConflictReason, ErrorCode } from '../../shared/api/errors';

/** A refusal the client is meant to see: code, message, and the field(s) at fault. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: ApiIssue[]; current?: unknown; reason?: ConflictReason } = {},
  ) {
    super(message);
  }
}

export function invalid(path: string, message: string): ApiError {
  return new ApiError('invalid_input', `${path}: ${message}`, { issues: [{ path, message }] });
}

export function notFound(what: string, id: number): ApiError {
  return new ApiError('not_found', `${what} ${id} does not exist`);
}
