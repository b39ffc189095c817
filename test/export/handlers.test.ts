/**
 * The export channels through the real dispatcher and store: save dialog and cancel, progress events,
 * defaults, reveal, the covering report from saved content, and clear refusals that write nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createExportHandlers } from '../../electron/export/handlers';
import { headlessHost, type Host } from '../../electron/host';
import { createPlanFromDraft, createStoreHandlers, openMemoryStore, type Store } from '../../db';
import { createDispatcher, typedInvoke, type HandlerContext, type Invoke } from '../../shared/dispatch';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { openDocx, textOf } from './helpers';

let dir: string;
let store: Store;
let planId: string;
const events: { event: string; payload: unknown }[] = [];
const ctx: HandlerContext = { actor: 'Test', emit: (event, payload) => events.push({ event, payload }) };
let chosen: string | null = null;
const host: Host = { ...headlessHost, chooseSavePath: vi.fn(async () => chosen), showItemInFolder: vi.fn() };
let dispatch: ReturnType<typeof createDispatcher>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-export-'));
  store = openMemoryStore();
  planId = createPlanFromDraft(store, samplePlanDraft, 'Test').id;
  dispatch = createDispatcher(
    { ...createStoreHandlers(store), ...createExportHandlers({ store, host }) },
    { validateOutput: true },
  );
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call: Invoke = (channel, input) => typedInvoke(dispatch, ctx)(channel, input);

describe('export channels', () => {
  it('export:defaults resolves the plan’s periods, columns and a file name', async () => {
    const r = await call('export:defaults', { planId });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.options.periodId).toBeTruthy();
    expect(r.value.options.compareId).toBeTruthy();
    expect(r.value.options.includeInternal).toBe(false);
    expect(r.value.options.columns).toContain('progress');
    expect(r.value.fileName).toMatch(/Appendix 1\.docx$/);
  });

  it('writes to the given path, reports progress, and the file opens', async () => {
    events.length = 0;
    const target = path.join(dir, 'given.docx');
    const r = await call('export:appendix', { planId, options: {}, path: target, jobId: 'job-1' });
    expect(r).toMatchObject({ ok: true, value: { path: target } });
    expect(fs.statSync(target).size).toBe(r.ok ? r.value.bytes : -1);
    expect(textOf(openDocx(fs.readFileSync(target)).doc)).toContain('Summary of all areas');
    const progress = events
      .filter((e) => e.event === 'job:progress')
      .map((e) => e.payload as { jobId: string; kind: string; done: number; total: number });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p) => p.jobId === 'job-1' && p.kind === 'export' && p.done <= p.total)).toBe(true);
  });

  it('asks where to save when no path is given; cancelling writes nothing', async () => {
    chosen = null;
    const r = await call('export:appendix', { planId, options: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(host.chooseSavePath).toHaveBeenCalledWith(
      expect.objectContaining({ defaultName: expect.stringMatching(/Appendix 1\.docx$/) }),
    );
    chosen = path.join(dir, 'chosen');
    const ok = await call('export:appendix', { planId, options: { includeInternal: false } });
    expect(ok).toMatchObject({ ok: true, value: { path: path.join(dir, 'chosen.docx') } });
  });

  it('refuses bad input clearly and writes nothing', async () => {
    const before = fs.readdirSync(dir).length;
    const badPeriod = await call('export:appendix', {
      planId,
      options: { periodId: '00000000-0000-4000-8000-000000000000' },
      path: path.join(dir, 'x.docx'),
    });
    expect(badPeriod).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/not part of this plan/) },
    });
    const noLead = await call('export:appendix', {
      planId,
      options: { lead: 'Nobody by this name' },
      path: path.join(dir, 'y.docx'),
    });
    expect(noLead).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/No actions have a lead matching/) },
    });
    const badSection = await call('export:appendix', {
      planId,
      options: { sectionIds: ['00000000-0000-4000-8000-000000000000'] },
      path: path.join(dir, 'v.docx'),
    });
    expect(badSection).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/chosen sections is not part of this plan/) },
    });
    // Issue 12.12: .pdf is now a document the app writes; any other extension is refused.
    const notDocx = await call('export:appendix', { planId, options: {}, path: path.join(dir, 'z.txt') });
    expect(notDocx).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknownPlan = await call('export:appendix', {
      planId: '00000000-0000-4000-8000-000000000000',
      options: {},
      path: path.join(dir, 'w.docx'),
    });
    expect(unknownPlan).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(fs.readdirSync(dir).length).toBe(before);
  });

  it('writes the covering report from the content saved for the period', async () => {
    const tree = await call('plans:get', { planId });
    const periodId = (tree.ok ? tree.value.plan.currentPeriodId : null) ?? '';
    const saved = await call('coveringReport:save', {
      planId,
      periodId,
      content: {
        meetingDate: '2018-02-13',
        itemNumber: '7',
        committee: 'Children’s Services Overview and Scrutiny Committee',
        title: 'Improvement plan update',
      },
    });
    expect(saved.ok).toBe(true);
    const target = path.join(dir, 'report.docx');
    const r = await call('export:coveringReport', { planId, periodId, path: target });
    expect(r).toMatchObject({ ok: true, value: { path: target } });
    const text = textOf(openDocx(fs.readFileSync(target)).doc);
    expect(text).toContain('13 February 2018');
    expect(text).toContain('ITEM: 7');
    expect(text).toContain('Improvement plan update');
  });

  it('export:reveal shows the file in the folder', async () => {
    const r = await call('export:reveal', { path: '/tmp/some.docx' });
    expect(r).toMatchObject({ ok: true });
    expect(host.showItemInFolder).toHaveBeenCalledWith('/tmp/some.docx');
  });
});
