/**
 * The renderer's one error-message helper (issue 9 point 6, issue 11 point 5). Everything thrown by
 * `call` (an `ApiError`, whose message and issues the dispatcher already wrote in plain English, see
 * shared/plain-issues.ts), by the
 * renderer's own checks, or by anything else becomes a sentence fit to show; `fieldErrors` maps a
 * refusal's issues to the fields they concern so a form can show each beside its field.
 */
import { ApiError } from './api';

const FALLBACK = 'Something went wrong. Nothing was changed.';

/** A message fit to show for anything thrown. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || FALLBACK;
  if (typeof error === 'string' && error) return error;
  return FALLBACK;
}

/**
 * The refusal's messages by field: the last part of each issue's path ("patch.title" -> "title"), so a
 * form can put each message next to its field. Empty when the error concerns no field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !error.issues) return out;
  for (const issue of error.issues) {
    const key =
      issue.path
        .split('.')
        .filter((p) => !/^\d+$/.test(p))
        .at(-1) ?? '';
    if (key && !(key in out)) out[key] = issue.message;
  }
  return out;
}
