/**
 * The plan table's filter bar (issue 11 point 3), as pure functions: which actions pass. Lead matching is
 * shared/leads.ts's one rule, so "Service Lead F Dunmore" is F Dunmore's and "DCS + AD, S Murphy J Tynan"
 * is both S Murphy's and J Tynan's.
 */
import type { Action, Person } from '../../../shared/model';
import { dueEnd, isOverdue, parseDue } from '../../../shared/dates';
import { leadsOfPlan, ledBy, personNamed, type LeadPerson, type PlanLead } from '../../../shared/leads';
import { workStatus, type TreeIndex } from '../state/indexes';

export interface ActionFilter {
  /** Actions the user (their name in the header) leads. */
  mine: boolean;
  /** A person's name: their actions. '' = anyone. */
  lead: string;
  overdue: boolean;
  dueThisPeriod: boolean;
  /** A rating level id; 'none' = not rated; '' = any. */
  levelId: string;
  needsExplanation: boolean;
  notUpdated: boolean;
  /** A recommendation id: actions answering it; '' = any. */
  recommendationId: string;
}

export const NO_FILTER: ActionFilter = {
  mine: false,
  lead: '',
  overdue: false,
  dueThisPeriod: false,
  levelId: '',
  needsExplanation: false,
  notUpdated: false,
  recommendationId: '',
};

export function filterIsOn(f: ActionFilter): boolean {
  return (Object.keys(NO_FILTER) as (keyof ActionFilter)[]).some((k) => f[k] !== NO_FILTER[k]);
}

/** The person a name stands for: a directory entry (with their aliases) when one has it, else the name alone. */
export function personFor(name: string, people: readonly Person[]): LeadPerson & { id?: string } {
  return personNamed(name, people);
}

/** Does the action's lead cell (or a lead linked to this person in the directory) name them? */
export function actionLedBy(action: Action, person: LeadPerson, personId: string | null = null): boolean {
  return ledBy(action.leads, person, personId);
}

/** One choice in the Lead list: its name as the filter uses it, and how many live actions the filter finds. */
export interface LeadChoice {
  name: string;
  /** A person in the People directory (false: a name read from lead cells that nobody there has). */
  inDirectory: boolean;
  /** Actions the Lead filter finds for this choice (the same rule, so the list and "Showing N" agree). */
  count: number;
}

/**
 * The Lead list (shared/leads.ts's `leadsOfPlan`, the list the Overview's updates by lead use): `people` is
 * everyone in the directory who leads something, then the names read from lead cells that no one in the
 * directory matches (so they can be linked to a person); `bodies` is the lead cells that name no person at all
 * ("Performance and Intelligence Team", "Detective Inspector, Northmoor Police", "All Service Leads"), so their
 * actions can be found by lead too. Each with its count of actions; both sorted by name.
 */
export function leadList(
  actions: readonly Action[],
  people: readonly Person[],
): { people: LeadChoice[]; bodies: LeadChoice[] } {
  const counted = ({ name, inDirectory }: PlanLead): LeadChoice => {
    const who = personFor(name, people);
    const cache = new Map<string, boolean>();
    return { name, inDirectory, count: actions.filter((a) => ledBy(a.leads, who, who.id ?? null, cache)).length };
  };
  const leads = leadsOfPlan(actions, people);
  return { people: leads.filter((l) => !l.body).map(counted), bodies: leads.filter((l) => l.body).map(counted) };
}

/** The people to offer in "Lead" (`leadList`'s people, without their counts). */
export function leadChoices(
  actions: readonly Action[],
  people: readonly Person[],
): { name: string; inDirectory: boolean }[] {
  return leadsOfPlan(actions, people)
    .filter((l) => !l.body)
    .map(({ name, inDirectory }) => ({ name, inDirectory }));
}

export interface FilterContext {
  index: TreeIndex;
  periodId: string | null;
  userName: string;
  people: readonly Person[];
  /** Today as YYYY-MM-DD. */
  today: string;
}

/** A predicate for the actions that pass the filter. */
export function actionPredicate(f: ActionFilter, ctx: FilterContext): (a: Action) => boolean {
  const { index, periodId } = ctx;
  const period = periodId ? index.periodById.get(periodId) : undefined;
  const me = f.mine && ctx.userName.trim() ? personFor(ctx.userName, ctx.people) : null;
  const lead = f.lead ? personFor(f.lead, ctx.people) : null;
  return (a) => {
    if (f.mine && (!me || !actionLedBy(a, me, me.id ?? null))) return false;
    if (lead && !actionLedBy(a, lead, lead.id ?? null)) return false;
    if (f.recommendationId && !a.recommendationIds.includes(f.recommendationId)) return false;
    const rating = periodId ? index.ratingOf(a.id, periodId) : undefined;
    const level = rating?.levelId ? index.levelById.get(rating.levelId) : undefined;
    if (f.levelId === 'none' && level) return false;
    if (f.levelId && f.levelId !== 'none' && level?.id !== f.levelId) return false;
    if (
      f.overdue &&
      (a.dueText.trim() === '' ||
        level?.countsAsComplete ||
        !isOverdue(parseDue(a.dueText, { today: ctx.today }), ctx.today))
    )
      return false;
    if (f.dueThisPeriod) {
      const end = dueEnd(parseDue(a.dueText, { today: ctx.today }));
      if (!period?.startDate || !period.endDate || end === null || end < period.startDate || end > period.endDate)
        return false;
    }
    if ((f.needsExplanation || f.notUpdated) && periodId) {
      const status = workStatus(index, a, periodId);
      if (f.needsExplanation && !status.needsExplanation) return false;
      if (f.notUpdated && status.hasUpdate) return false;
    }
    return true;
  };
}
