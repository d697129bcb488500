// One error type with a short code table (Documenso's habit); tRPC mapping lives in server/api/trpc.ts.
export const appErrorCodes = ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED', 'BAD_INPUT', 'CONFLICT', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    // Field-level messages for forms, keyed by field name.
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Not found') => new AppError('NOT_FOUND', what);
