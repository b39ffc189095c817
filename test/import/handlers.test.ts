/**
 * The import channels through the real dispatcher and store: preview (read in a worker thread, progress
 * events), remap, commit (one plan written), cancel and bad input (nothing written).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryStore, type Store } from '../../db';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost, type Host } from '../../electron/host';
import { createImportHandlers } from '../../electron/import/handlers';
import { inlineParser, workerParser } from '../../electron/import/parser';
import { createDispatcher, typedInvoke, unwrapping, type Dispatch, type Invoke } from '../../shared/dispatch';
import { RATED_2020 } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-import-h-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let store: Store;
let dispatch: Dispatch;
let events: { event: string; payload: unknown }[];
const ctx = () => ({
  actor: 'Test User',
  emit: (event: string, payload: unknown) => void events.push({ event, payload }),
});
const call: Invoke = (channel, input) => typedInvoke(dispatch, ctx)(channel, input);
const value = unwrapping(call, (channel, error) => new Error(`${channel}: ${error.code} ${error.message}`));
const plans = () => value('plans:list', {});

function setup(host: Host = headlessHost): void {
  store = openMemoryStore({ actor: 'Test User' });
  dispatch = createDispatcher(createAppHandlers({ store, host }), { validateOutput: true });
  events = [];
}

describe('import channels', () => {
  beforeEach(() => setup());

  it('previews in a worker thread with progress, then commits one plan', async () => {
    const preview = await value('import:preview', { path: RATED_2020 });
    expect(preview.token).toMatch(/\S/);
    expect(preview.totals).toEqual({ sections: 7, actions: 41, periods: 1, ratings: 41, recommendations: 3 });
    const progress = events
      .filter((e) => e.event === 'job:progress')
      .map((e) => e.payload as { kind: string; phase: string });
    expect(progress.every((p) => p.kind === 'import')).toBe(true);
    expect(progress.map((p) => p.phase)).toContain('reading tables');
    expect(await plans()).toEqual([]);

    const result = await value('import:commit', { token: preview.token, title: 'Thurrock CDP 2020' });
    expect(result).toMatchObject({
      title: 'Thurrock CDP 2020',
      sections: 7,
      actions: 41,
      periods: 1,
      ratings: 41,
      recommendations: 3,
      warnings: [],
    });
    const list = await plans();
    expect(list.map((p) => [p.id, p.actionCount])).toEqual([[result.planId, 41]]);
    const tree = await value('plans:get', { planId: result.planId });
    expect(tree.recommendations.map((r) => r.label)).toEqual(['Ofsted 1', 'Ofsted 2', 'Ofsted 3']);
    expect(tree.actions.find((a) => a.reference === '7.5')?.recommendationIds).toEqual([tree.recommendations[2]!.id]);

    // The token is spent: a second commit writes nothing more.
    const again = await call('import:commit', { token: preview.token });
    expect(again.ok ? null : again.error.code).toBe('not_found');
    expect((await plans()).length).toBe(1);
  });

  it('remaps a column ("this column is not the Lead") and cancels: nothing written', async () => {
    const preview = await value('import:preview', { path: RATED_2020 });
    const leadIndex = preview.columns.find((c) => c.field === 'lead')!.index;
    const remapped = await value('import:remap', {
      token: preview.token,
      mapping: [{ index: leadIndex, field: 'ignore' }],
    });
    expect(remapped.token).toBe(preview.token);
    expect(remapped.columns[leadIndex]!.field).toBe('ignore');
    expect(await value('import:cancel', { token: preview.token })).toEqual({ ok: true });
    const after = await call('import:commit', { token: preview.token });
    expect(after.ok).toBe(false);
    expect(await plans()).toEqual([]);
  });

  it('remap declines the ratings proposed from status phrases, and offers them again; the commit follows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['Ref', 'Action', 'Lead', 'By when', 'Progress'];
    ws.getRow(2).values = ['1.1', 'Recruit', 'HR', 'Mar-16', 'Completed. All posts filled.'];
    ws.getRow(3).values = ['1.2', 'Train', 'PSW', 'May-16', 'On track.'];
    const file = path.join(dir, 'no-ratings.xlsx');
    fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const preview = await value('import:preview', { path: file });
    expect(preview.totals.ratings).toBe(2);
    const declined = await value('import:remap', { token: preview.token, proposedRatings: false });
    expect(declined.totals.ratings).toBe(0);
    expect(declined.warnings.find((w) => w.code === 'proposed-rating')?.message).toContain('not proposed');
    expect((await value('import:remap', { token: preview.token, proposedRatings: true })).totals.ratings).toBe(2);
    await value('import:remap', { token: preview.token, proposedRatings: false });
    const result = await value('import:commit', { token: preview.token });
    const tree = await value('plans:get', { planId: result.planId });
    expect(tree.ratings).toEqual([]);
  });

  it('bad input: a clear import_failed message from the worker, nothing written', async () => {
    const bad = path.join(dir, 'not-a-plan.docx');
    fs.writeFileSync(bad, 'hello');
    const r = await call('import:preview', { path: bad });
    expect(r.ok ? null : r.error).toEqual({
      code: 'import_failed',
      message: expect.stringMatching(/not a real Word file/),
    });
    expect(await plans()).toEqual([]);
  });

  it('no path: asks the host for a file; cancelling the dialog imports nothing', async () => {
    const r = await call('import:preview', {});
    expect(r.ok ? null : r.error.code).toBe('cancelled');
    let asked = false;
    setup({
      ...headlessHost,
      chooseOpenPath: async (o) => ((asked = o.filters.some((f) => f.extensions.includes('docx'))), RATED_2020),
    });
    expect((await value('import:preview', {})).fileName).toBe('continuous-development-plan-2020-rated.docx');
    expect(asked).toBe(true);
  });
});

describe('parsers', () => {
  it('the worker parser and the inline parser read the same document', async () => {
    const noop = () => undefined;
    const fallbacks: string[] = [];
    const [a, b] = await Promise.all([
      workerParser({ onFallback: (r) => fallbacks.push(r) })({ path: RATED_2020 }, noop),
      inlineParser({ path: RATED_2020 }, noop),
    ]);
    expect(fallbacks).toEqual([]);
    expect(a).toEqual(b);
  });

  it('handlers accept an injected parser', async () => {
    const s = openMemoryStore();
    const h = createImportHandlers({ store: s, host: headlessHost, parser: inlineParser });
    const p = await h['import:preview']({ path: RATED_2020, options: {} }, { actor: 'x', emit: () => undefined });
    expect(p.totals.actions).toBe(41);
    await s.close();
  });
});
