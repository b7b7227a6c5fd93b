// The one error type routes and services throw; the error plugin maps its code to a status.
export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'too_many_requests';

export const statusByCode: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
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
