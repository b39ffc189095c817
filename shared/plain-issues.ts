/**
 * The one rule that turns a refused value's zod issue into a plain-English sentence about its field
 * (issue 11 point 5): "The title can be at most 500 characters." rather than "Too big: expected string to
 * have <=500 characters (patch.title)". The dispatcher uses it for every refusal, so the app, the command
 * line and the tests all see the same words; the renderer puts each message beside its field by path.
 */
import type { z } from 'zod';

/** Words for a field, by the last part of its path. Anything else is its name split into words. */
const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  label: 'name',
  body: 'progress update',
  text: 'text',
  description: 'action text',
  outcome: 'outcome',
  notes: 'internal notes',
  dueText: 'due date',
  startDate: 'start date',
  endDate: 'end date',
  name: 'name',
  reference: 'reference',
  number: 'number',
  explanation: 'explanation',
  correctiveAction: 'corrective action',
  email: 'email address',
  jobTitle: 'job title',
  colour: 'colour',
  key: 'short name',
  organisation: 'organisation',
  service: 'service',
  planPeriod: 'plan period',
  definition: 'definition',
  levelId: 'rating',
  periodId: 'reporting period',
  currentPeriodId: 'reporting period',
  comparePeriodId: 'period to compare with',
  sectionId: 'section',
  actionId: 'action',
  objectiveId: 'objective',
  planId: 'plan',
  userName: 'your name',
  query: 'search text',
};

/** "patch.title" -> "title"; "leads.2.name" -> "name"; "" -> "". */
export function fieldOfPath(path: readonly PropertyKey[] | string): string {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).filter(
    (p) => p !== '' && !/^\d+$/.test(p),
  );
  return parts.at(-1) ?? '';
}

export function fieldWords(field: string): string {
  if (field === '') return 'value';
  return FIELD_WORDS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const n = (x: number | bigint) => Number(x).toLocaleString('en-GB');

/** Zod's own default messages: replaced; a message the schema wrote itself is already plain and kept. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized|Expected|Required)/;

type Issue = z.core.$ZodIssue;

/** One issue as a sentence about its field. */
export function plainIssue(issue: Issue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const words = fieldWords(fieldOfPath(issue.path));
  const The = `The ${words}`;
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string')
        return `${The} can be at most ${n(issue.maximum)} characters long. Shorten it and try again.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${The} can hold at most ${n(issue.maximum)} items.`;
      return `${The} must be ${n(issue.maximum)} or less.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `${The} can't be empty.`
          : `${The} must be at least ${n(issue.minimum)} characters long.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${The} needs at least ${n(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}.`;
      return `${The} must be ${n(issue.minimum)} or more.`;
    case 'invalid_format':
      if (issue.format === 'date') return `${The} isn't a real date. Enter a date such as 13/02/2018.`;
      if (issue.format === 'datetime') return `${The} isn't a real date and time.`;
      if (issue.format === 'uuid') return `That ${words} doesn't exist any more. Reload the plan and try again.`;
      if (issue.format === 'email') return `${The} doesn't look like an email address.`;
      return `${The} isn't in the right form.`;
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${The} is missing.`;
      return `${The} isn't the right kind of value.`;
    case 'invalid_value':
      return `${The} isn't one of the choices offered.`;
    case 'unrecognized_keys':
      return `Planwright doesn't know ${issue.keys.length === 1 ? 'the field' : 'the fields'} ${issue.keys.map((k) => `“${k}”`).join(', ')}.`;
    default:
      return `${The} isn't valid.`;
  }
}
