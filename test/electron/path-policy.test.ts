/**
 * The window cannot name files: with the Electron host's policy (callerPaths 'refuse'), paths come only
 * from the host's own dialogs, and "show in folder" only reveals files this process exported. The command
 * line and tests (headlessHost, 'allow') still pass paths.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureSamplePlan, openMemoryStore, type Store } from '../../db';
import { createAppHandlers } from '../../electron/handlers';
import { callerPath, headlessHost, type Host } from '../../electron/host';
import { inlineParser } from '../../electron/import/parser';
import { createImportHandlers } from '../../electron/import/handlers';
import { hardenWebContents } from '../../electron/main/security';
import { createDispatcher, type Dispatch } from '../../shared/dispatch';
import type { Result } from '../../shared/result';
import { FIXTURES } from '../import/helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-paths-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sharedFixture = path.join(FIXTURES, 'word', 'continuous-development-plan-2020.docx');

let store: Store;
let dispatch: Dispatch;
let planId: string;
const chosen = path.join(dir, 'chosen.docx');
const host: Host = {
  ...headlessHost,
  callerPaths: 'refuse',
  chooseSavePath: vi.fn(async () => chosen),
  chooseOpenPath: vi.fn(async () => sharedFixture),
  showItemInFolder: vi.fn(),
  openPath: vi.fn(async () => undefined),
};
const call = async (channel: string, input: unknown) =>
  (await dispatch(channel, input, { actor: 'Test', emit: () => undefined } as never)) as Result<{ path?: string }>;

beforeEach(async () => {
  store = openMemoryStore({ actor: 'Test' });
  await ensureSamplePlan(store);
  dispatch = createDispatcher(
    { ...createAppHandlers({ store, host }), ...createImportHandlers({ store, host, parser: inlineParser }) },
    { validateOutput: true },
  );
  const list = (await dispatch('plans:list', {}, { actor: 'Test', emit: () => undefined } as never)) as Result<
    { id: string }[]
  >;
  planId = list.ok ? list.value[0]!.id : '';
  fs.rmSync(chosen, { force: true });
  vi.clearAllMocks();
});

describe('paths from the window', () => {
  it('export: a path named by the caller is refused and nothing is written; the dialog path is used', async () => {
    const target = path.join(dir, 'named.docx');
    const refused = await call('export:appendix', { planId, path: target });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.ok ? '' : refused.error.message).toContain('choose the file in the dialog');
    expect(fs.existsSync(target)).toBe(false);
    expect(await call('export:coveringReport', { planId, path: target })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const written = await call('export:appendix', { planId });
    expect(written).toMatchObject({ ok: true, value: { path: chosen } });
    expect(fs.statSync(chosen).size).toBeGreaterThan(1000);
  });

  it('reveal: only a file this process exported', async () => {
    expect(await call('export:reveal', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('export:reveal', { path: chosen })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(host.showItemInFolder).not.toHaveBeenCalled();
    await call('export:appendix', { planId });
    expect(await call('export:reveal', { path: chosen })).toMatchObject({ ok: true });
    expect(host.showItemInFolder).toHaveBeenCalledWith(chosen);
  });

  it('open document: only a file this process exported, and a missing or unopenable one in plain words', async () => {
    expect(await call('export:open', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(host.openPath).not.toHaveBeenCalled();
    await call('export:appendix', { planId });
    expect(await call('export:open', { path: chosen })).toMatchObject({ ok: true });
    expect(host.openPath).toHaveBeenCalledWith(chosen);
    vi.mocked(host.openPath).mockRejectedValueOnce(new Error('Failed to open path'));
    const failed = await call('export:open', { path: chosen });
    expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(failed.ok ? '' : failed.error.message).toContain('Open folder');
    fs.rmSync(chosen);
    const gone = await call('export:open', { path: chosen });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(gone.ok ? '' : gone.error.message).toContain('no longer there');
  });

  it('import:preview: a named path is refused without reading it; the open dialog is used instead', async () => {
    expect(await call('import:preview', { path: '/etc/passwd', options: {} })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(host.chooseOpenPath).not.toHaveBeenCalled();
    const preview = await call('import:preview', { options: {} });
    expect(preview.ok).toBe(true);
    expect(host.chooseOpenPath).toHaveBeenCalledOnce();
  });

  it('the command line and tests (callerPaths allow) still name files', () => {
    expect(callerPath(headlessHost, '/tmp/x.docx')).toBe('/tmp/x.docx');
    expect(callerPath({ ...headlessHost, callerPaths: undefined }, undefined)).toBeUndefined();
    expect(() => callerPath({ ...headlessHost, callerPaths: undefined }, '/tmp/x.docx')).toThrow(/dialog/);
  });
});

describe('hardenWebContents (every web contents)', () => {
  it('refuses webviews, new windows and navigation away; web links open in the browser', () => {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let open: ((d: { url: string }) => { action: string }) | null = null;
    const external: string[] = [];
    hardenWebContents(
      { on: (event, fn) => handlers.set(event, fn), setWindowOpenHandler: (fn) => (open = fn) },
      { isTrusted: (url) => url.startsWith('app://planwright/'), openExternal: (url) => external.push(url) },
    );
    const prevented = (event: string, url?: string) => {
      const preventDefault = vi.fn();
      handlers.get(event)!({ preventDefault }, url);
      return preventDefault.mock.calls.length === 1;
    };
    expect(prevented('will-attach-webview')).toBe(true);
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://planwright/index.html')).toBe(false);
    expect(open!({ url: 'https://www.gov.uk/' })).toEqual({ action: 'deny' });
    expect(open!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://www.gov.uk/']);
  });
});
