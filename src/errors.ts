// The one error type routes and services throw; the error plugin maps its code to a status.
export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'too_many_requests'
  /** A write named a revision that is no longer the newest (If-Match). */
  | 'precondition_failed'
  /** A write that must name the revision it edits did not (no If-Match). */
  | 'precondition_required'
  /** Signed in with a one-time password: a new one must be chosen first. */
  | 'password_change_required';

export const statusByCode: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  precondition_failed: 412,
  precondition_required: 428,
  password_change_required: 403,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new AppError('not_found', message);
