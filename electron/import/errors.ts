/** The importer's one error: `import_failed` with a message the user can act on. Nothing is written. */
import { DomainError } from '../../shared/result';

/** A DomainError('import_failed', message) to throw from any reading or analysis step. */
export function importFailed(message: string): DomainError {
  return new DomainError('import_failed', message);
}
