/**
 * The store's utility process protocol (electron/utility/): the server and the client on a real
 * worker_threads MessageChannel, as the main process and the utility process use them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { headlessHost, type Host } from '../../electron/host';
import { createUtilityClient } from '../../electron/utility/client';
import { serveStore } from '../../electron/utility/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-utility-'));
const channels: MessageChannel[] = [];
afterAll(() => {
  for (const c of channels) c.port1.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(host: Host) {
  const channel = new MessageChannel();
  channels.push(channel);
  const { port1, port2 } = channel;
  serveStore({ postMessage: (m) => port2.postMessage(m), onMessage: (fn) => port2.on('message', fn) });
  return createUtilityClient(
    { postMessage: (m) => port1.postMessage(m), onMessage: (fn) => port1.on('message', fn) },
    host,
  );
}
const ctx = (events: unknown[] = []) =>
  ({ actor: 'Officer', emit: (name: string, body: unknown) => void events.push({ name, body }) }) as never;

describe('the store in a utility process', () => {
  it('opens the store (with the sample plan), answers calls, relays events and dialogs, and closes with a checkpoint', async () => {
    const chosen = path.join(dir, 'appendix.docx');
    const host: Host = {
      ...headlessHost,
      callerPaths: 'refuse',
      chooseSavePath: vi.fn(async () => chosen),
      showItemInFolder: vi.fn(),
    };
    const client = connect(host);
    const dbPath = path.join(dir, 'planwright.sqlite');
    expect(await client.open({ dbPath, actor: 'Officer', version: '9.9.9', validateOutput: true })).toEqual({
      ok: true,
    });
    const list = (await client.dispatch('plans:list', {}, ctx())) as { ok: true; value: { id: string }[] };
    expect(list.value).toHaveLength(1);
    expect(await client.dispatch('app:info', {}, ctx())).toMatchObject({
      ok: true,
      value: { version: '9.9.9', dbPath },
    });

    const events: unknown[] = [];
    const exported = await client.dispatch('export:appendix', { planId: list.value[0]!.id }, ctx(events));
    expect(exported).toMatchObject({ ok: true, value: { path: chosen } });
    expect(host.chooseSavePath).toHaveBeenCalledOnce();
    expect(events.length).toBeGreaterThan(0);
    // The utility process takes paths only from the main process's dialogs.
    expect(
      await client.dispatch('export:appendix', { planId: list.value[0]!.id, path: path.join(dir, 'x.docx') }, ctx()),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await client.dispatch('export:reveal', { path: chosen }, ctx())).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(host.showItemInFolder).toHaveBeenCalledWith(chosen));

    await client.close();
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
  });

  it('a store that cannot be opened answers the reason for the start-up dialog', async () => {
    const file = path.join(dir, 'not-a-store.sqlite');
    fs.writeFileSync(file, 'this is not a database, just text '.repeat(200));
    const outcome = await connect(headlessHost).open({
      dbPath: file,
      actor: 'Officer',
      version: '1',
      validateOutput: true,
    });
    expect(outcome).toMatchObject({ ok: false, storeError: { code: 'not_a_database' } });
  });

  it('when the utility process dies, pending calls answer a plain internal error instead of hanging', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const client = createUtilityClient(
      { postMessage: (m) => channel.port1.postMessage(m), onMessage: (fn) => channel.port1.on('message', fn) },
      headlessHost,
    );
    const pending = client.dispatch('plans:list', {}, ctx());
    client.failAll('exit code 9');
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('restart Planwright') },
    });
  });
});
