/**
 * What every command gets: a way to open the plan store behind the shared dispatcher, and output.
 * Commands go through the same dispatcher as the app, so validation and behaviour are shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../db';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import type { Dispatch } from '../../shared/dispatch';
import type { EventName } from '../../shared/events';
import type { Result } from '../../shared/result';
import { headlessHost, type Host } from '../host';
import { defaultDbPath, osUserName, userDataDir } from '../main/paths';
import { readStoreLocation } from '../main/store-location';
import { syncedFolderWarning } from '../../shared/synced-folder';
import { packageVersion } from './version';

/** A failure to report on stderr with a non-zero exit code (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliApp {
  store: Store;
  dbPath: string;
  /** The raw dispatcher envelope. */
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  /** Unwraps the envelope; a failure becomes a CliError with the dispatcher's message. */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

export interface OpenOptions {
  /** Create the store (and its folder) when missing; otherwise a missing store is an error. */
  create?: boolean;
  /**
   * The command only reads (export, list, dump, summary): skip the open's `quick_check`, which reads the
   * whole file (db/store.ts `quickCheck`); a damaged page a read meets is still reported in plain words.
   */
  readOnly?: boolean;
}

export interface CliDeps {
  /** Open the plan store at `dbPath` (default: the app's own database). Closed when the command ends. */
  open(dbPath: string | undefined, options?: OpenOptions): Promise<CliApp>;
  /** Write to stdout / stderr (a newline is added). */
  out(text: string): void;
  err(text: string): void;
  /** Dialogs cancel on the command line; exporters write to the paths they are given. */
  host: Host;
  /** The database used when --db is not given: the app's own (moved by File › Move plan store… or not). */
  defaultDbPath: string;
  /** Called with events the handlers emit (job progress). */
  onEvent?: (event: EventName, payload: unknown) => void;
}

/** Runs the close functions of everything opened during a command. */
export interface Closer {
  closeAll(): Promise<void>;
}

export function createCliDeps(
  io: { out(text: string): void; err(text: string): void },
  options: { defaultDbPath?: string; host?: Host } = {},
): CliDeps & Closer {
  const opened: Store[] = [];
  // The app's own store: where File › Move plan store… put it (store-location.json), or the default place.
  const location = options.defaultDbPath ? null : readStoreLocation(userDataDir(), defaultDbPath());
  /** Stores already warned about (a command that opens a store twice warns once). */
  const warned = new Set<string>();
  const host = options.host ?? headlessHost;
  const deps: CliDeps & Closer = {
    out: io.out,
    err: io.err,
    host,
    // A missing moved store is still its path, so `open` says it is not there rather than opening the old one.
    defaultDbPath: options.defaultDbPath ?? location!.path,
    async open(dbPathOption, openOptions = {}) {
      // The one place the command line decides which store it opens.
      const dbPath = path.resolve(dbPathOption ?? deps.defaultDbPath);
      // A store in a synced folder: the same words as the app's banner, on stderr, once; the exit code is unchanged.
      const warning = syncedFolderWarning(dbPath);
      if (warning && !warned.has(dbPath)) {
        warned.add(dbPath);
        io.err(`Warning: ${warning}`);
      }
      if (!openOptions.create && !fs.existsSync(dbPath)) {
        if (!dbPathOption && location?.kind === 'missing')
          throw new CliError(
            `The plan store was moved to ${dbPath} on ${location.record.movedAt.slice(0, 10)} (File › Move plan store…), but that file is not there now. If it is on a drive or network folder that is not connected, connect it and try again; or pass --db with the path of a store.`,
          );
        throw new CliError(
          `There is no plan store at ${dbPath}. Open Planwright once (it creates one with a sample plan), run \`planwright sample --db ${dbPathOption ?? dbPath}\`, or pass --db with the path of an existing store.`,
        );
      }
      fs.mkdirSync(path.dirname(dbPath), { recursive: true });
      // Loaded only when a command needs the store, so `--help` starts quickly.
      const [{ openStore, StoreOpenError }, { createDispatcher, typedInvoke }, { createAppHandlers }] =
        await Promise.all([import('../../db'), import('../../shared/dispatch'), import('../handlers')]);
      let store: Store;
      try {
        store = openStore(dbPath, {
          actor: osUserName('Planwright command line'),
          ...(openOptions.readOnly ? { quickCheck: false } : {}),
        });
      } catch (error) {
        if (error instanceof StoreOpenError) throw new CliError(error.message);
        throw error;
      }
      opened.push(store);
      const dispatch: Dispatch = createDispatcher(createAppHandlers({ store, host, version: packageVersion() }), {
        validateOutput: false,
      });
      const ctx = () => ({
        actor: store.actor(),
        emit: (event: EventName, payload: unknown) => deps.onEvent?.(event, payload),
      });
      const invoke = typedInvoke(dispatch, ctx);
      return {
        store,
        dbPath,
        invoke,
        async call(channel, input) {
          const result = await invoke(channel, input);
          if (result.ok) return result.value;
          const issues = result.error.issues?.length
            ? `\n${result.error.issues.map((i) => `  ${i.path || '(input)'}: ${i.message}`).join('\n')}`
            : '';
          throw new CliError(`${result.error.message}${issues}`);
        },
      };
    },
    async closeAll() {
      for (const store of opened.splice(0)) await store.close();
    },
  };
  return deps;
}
