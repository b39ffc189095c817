/** The envelope every IPC call answers with (after Signal Desktop): never a thrown error across IPC. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'in_use'
  | 'forbidden'
  | 'cancelled'
  | 'unknown_channel'
  | 'import_failed'
  | 'export_failed'
  /** The store or the disk could not do it now (another program holds the store, the disk is full): nothing was changed. */
  | 'unavailable'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for invalid_input: path like "patch.title" -> message. */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: AppError['issues']): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Thrown inside services; the dispatcher turns it into `{ ok: false, error }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: AppError['issues'],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
