/** Finding a plan or a reporting period from what the user typed: an id, an id prefix or a name. */
import type { PlanListItem, ReportingPeriod } from '../../shared/model';
import { CliError } from './context';

/** A plan by exact id, unique id prefix, or title substring (case-insensitive). */
export function resolvePlan(plans: readonly PlanListItem[], query: string): PlanListItem {
  const q = query.trim();
  if (!q) throw new CliError('Name a plan: its id, the start of its id, or part of its title.');
  const exact = plans.find((p) => p.id === q);
  if (exact) return exact;
  const lower = q.toLowerCase();
  const byPrefix = plans.filter((p) => p.id.startsWith(lower));
  if (byPrefix.length === 1) return byPrefix[0]!;
  const byExactTitle = plans.filter((p) => p.title.toLowerCase() === lower);
  if (byExactTitle.length === 1) return byExactTitle[0]!;
  const matches = [...new Set([...byPrefix, ...plans.filter((p) => p.title.toLowerCase().includes(lower))])];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const list = matches.map((p) => `  ${p.id}  ${p.title}`).join('\n');
    throw new CliError(`"${q}" matches ${matches.length} plans; give more of the title or the id:\n${list}`);
  }
  throw new CliError(
    plans.length === 0
      ? 'There are no plans in this plan store.'
      : `No plan matches "${q}". Run \`planwright list\` to see the plans.`,
  );
}

/** A reporting period by id, unique id prefix, or label (exact, then unique substring; case-insensitive). */
export function resolvePeriod(periods: readonly ReportingPeriod[], query: string, what = 'period'): ReportingPeriod {
  const q = query.trim();
  const lower = q.toLowerCase();
  const live = periods.filter((p) => p.deletedAt === null);
  const found =
    live.find((p) => p.id === q) ??
    only(live.filter((p) => p.label.toLowerCase() === lower)) ??
    only(live.filter((p) => p.id.startsWith(lower))) ??
    only(live.filter((p) => p.label.toLowerCase().includes(lower)));
  if (found) return found;
  const labels = live.map((p) => `"${p.label}"`).join(', ') || 'none';
  throw new CliError(`No single reporting ${what} matches "${q}". The plan's periods are: ${labels}.`);
}

function only<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
