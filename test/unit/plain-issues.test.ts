import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldOfPath, plainIssue } from '../../shared/plain-issues';
import { createDispatcher } from '../../shared/dispatch';

const issue = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a refusal');
  return r.error.issues[0]!;
};

describe('plainIssue: zod issues in plain English about their field', () => {
  it('says how long a field may be, never "Too big: expected string…"', () => {
    const msg = plainIssue(
      issue(z.object({ patch: z.object({ title: z.string().max(500) }) }), { patch: { title: 'x'.repeat(501) } }),
    );
    expect(msg).toBe('The title can be at most 500 characters long. Shorten it and try again.');
    expect(msg).not.toMatch(/Too big|expected|patch\.title/);
  });
  it('words dates, missing values, choices and counts', () => {
    expect(plainIssue(issue(z.object({ startDate: z.iso.date() }), { startDate: '2020-13-01' }))).toMatch(
      /^The start date isn't a real date/,
    );
    expect(plainIssue(issue(z.object({ label: z.string() }), {}))).toBe('The name is missing.');
    expect(plainIssue(issue(z.object({ role: z.enum(['a', 'b']) }), { role: 'c' }))).toBe(
      "The role isn't one of the choices offered.",
    );
    expect(plainIssue(issue(z.object({ limit: z.number().max(5000) }), { limit: 6000 }))).toBe(
      'The limit must be 5,000 or less.',
    );
    expect(plainIssue(issue(z.object({ name: z.string().min(1) }), { name: '' }))).toBe("The name can't be empty.");
  });
  it('keeps a message the schema wrote itself', () => {
    expect(plainIssue(issue(z.string().regex(/^\d+$/, 'Colour must be six hex digits'), 'x'))).toBe(
      'Colour must be six hex digits',
    );
  });
  it('names the field by the last part of its path', () => {
    expect(fieldOfPath('patch.title')).toBe('title');
    expect(fieldOfPath(['leads', 2, 'name'])).toBe('name');
  });
  it('is what the dispatcher answers, with the path kept for the form', async () => {
    const dispatch = createDispatcher({
      'sections:update': () => {
        throw new Error('never reached: the input is refused first');
      },
    });
    const r = await dispatch(
      'sections:update',
      { sectionId: crypto.randomUUID(), patch: { title: 'x'.repeat(3000) } },
      { actor: 't', emit: () => undefined },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^The title can be at most [\d,]+ characters long/);
    expect(r.error.message).not.toMatch(/patch\.title|Too big/);
    expect(r.error.issues?.[0]?.path).toBe('patch.title');
  });
});
