/**
 * Where files are read: in a worker_threads Worker (the app: the main process stays responsive) or
 * inline (tests, the command line, or when no worker can be started). Both answer the same SourceDoc
 * and the same `import_failed` errors.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../../shared/result';
import { asImportError, UNREADABLE } from './errors';
import { readImportFile } from './read';
import type { SourceDoc } from './source';

export interface ParseRequest {
  path: string;
  sheet?: string | undefined;
}

/** Bounds on one read in the worker: heap, and time (a file that takes longer is refused). */
export const WORKER_LIMITS = {
  /** The worker's old-generation heap (MB); a file needing more is refused, the app carries on. */
  maxHeapMb: 1024,
  /** Milliseconds before a read is stopped. */
  timeoutMs: 120_000,
};

const TOO_BIG =
  'The file needs far more memory to read than any real plan (it may be damaged, or built to attack the reader), so reading it was stopped. Nothing was imported.';
const TOO_SLOW = (s: number): string =>
  `Reading the file took longer than ${s} seconds, far longer than any real plan, so it was stopped. Nothing was imported.`;
const CANCELLED = 'The import was cancelled. Nothing was imported.';

export type ProgressFn = (phase: string, done: number, total: number) => void;

/** Reads a file into a SourceDoc, reporting progress; `signal` stops the read (the worker is terminated). */
export type Parser = (request: ParseRequest, onProgress: ProgressFn, signal?: AbortSignal) => Promise<SourceDoc>;

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; doc: SourceDoc }
  | { type: 'error'; code: ErrorCode; message: string };

/** Reads on the calling thread. */
export const inlineParser: Parser = async (request, onProgress, signal) => {
  if (signal?.aborted) throw new DomainError('cancelled', CANCELLED);
  onProgress('reading', 0, 1);
  let doc: SourceDoc;
  try {
    doc = await readImportFile(request.path, {
      sheet: request.sheet,
      onProgress: (done, total) => onProgress('reading tables', done, total),
    });
  } catch (error) {
    throw asImportError(error);
  }
  onProgress('reading', 1, 1);
  return doc;
};

/** The worker script beside this file (worker.ts under tsx / vitest, worker.js when built). */
export function defaultWorkerFile(): string | null {
  for (const name of ['worker.js', 'worker.mjs', 'worker.ts']) {
    const file = fileURLToPath(new URL(`./${name}`, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * Starts the worker. A built .js worker runs directly; the .ts source (tests, the command line under tsx)
 * runs through a small bootstrap that registers tsx in the worker thread first.
 */
function startWorker(workerFile: string, request: ParseRequest, maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (!workerFile.endsWith('.ts')) return new Worker(workerFile, { workerData: request, resourceLimits });
  const require = createRequire(import.meta.url);
  // tsx's ESM register API (the package's "import" entry beside its "require" one).
  const api = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const file = pathToFileURL(workerFile).href;
  const boot = `(async () => { const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(file)}); })()`;
  return new Worker(boot, { eval: true, workerData: request, resourceLimits });
}

export interface WorkerParserOptions {
  /** The worker script (default: worker.js / worker.ts beside this file; null = always inline). */
  workerFile?: string | null;
  /** Told when the worker could not be started and the file was read inline instead. */
  onFallback?: (reason: string) => void;
  /** Heap and time bounds (default WORKER_LIMITS). */
  limits?: Partial<typeof WORKER_LIMITS>;
}

/**
 * Reads in a worker thread. When the worker cannot be started at all, falls back to reading inline so an
 * import never fails for that reason.
 */
export function workerParser(options: WorkerParserOptions = {}): Parser {
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  const limits = { ...WORKER_LIMITS, ...options.limits };
  return (request, onProgress, signal) => {
    if (workerFile === null) return inlineParser(request, onProgress, signal);
    if (signal?.aborted) return Promise.reject(new DomainError('cancelled', CANCELLED));
    return new Promise<SourceDoc>((resolve, reject) => {
      let settled = false;
      let heard = false;
      let worker: Worker;
      const fallback = (reason: string): void => {
        options.onFallback?.(reason);
        void inlineParser(request, onProgress, signal).then(resolve, reject);
      };
      try {
        worker = startWorker(workerFile, request, limits.maxHeapMb);
      } catch (error) {
        fallback(error instanceof Error ? error.message : String(error));
        return;
      }
      const timer = setTimeout(
        () => finish(() => reject(new DomainError('import_failed', TOO_SLOW(Math.round(limits.timeoutMs / 1000))))),
        limits.timeoutMs,
      );
      const onAbort = (): void => finish(() => reject(new DomainError('cancelled', CANCELLED)));
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        fn();
      };
      worker.on('message', (m: WorkerMessage) => {
        heard = true;
        if (m.type === 'progress') onProgress(m.phase, m.done, m.total);
        else if (m.type === 'done') finish(() => resolve(m.doc));
        else finish(() => reject(new DomainError(m.code, m.message)));
      });
      worker.on('error', (error) => {
        if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
          finish(() => reject(new DomainError('import_failed', TOO_BIG)));
        else if (!heard) finish(() => fallback(error.message));
        else finish(() => reject(new DomainError('import_failed', UNREADABLE)));
      });
      worker.on('exit', (code) => {
        if (!settled)
          finish(() => (heard ? reject(new DomainError('import_failed', UNREADABLE)) : fallback(`exit code ${code}`)));
      });
    });
  };
}
