/** The importer's one error: `import_failed` with a message the user can act on. Nothing is written. */
import { DomainError } from '../../shared/result';

/** A DomainError('import_failed', message) to throw from any reading or analysis step. */
export function importFailed(message: string): DomainError {
  return new DomainError('import_failed', message);
}

/** What the user sees when a reader fails in a way no check named (never the library's own words). */
export const UNREADABLE =
  'The file could not be read: it is damaged or not in a form Planwright understands. Open it in Word or Excel, save a fresh copy and import that. Nothing was imported.';

/** Any failure while reading as an import_failed DomainError with plain words. */
export function asImportError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  return importFailed(UNREADABLE);
}
