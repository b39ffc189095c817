/**
 * The import worker (worker_threads): reads one file given as workerData ({ path, sheet }) and posts
 * progress messages, then the SourceDoc or the error. Started by `workerParser` in parser.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../shared/result';
import type { ParseRequest, WorkerMessage } from './parser';
import { UNREADABLE } from './errors';
import { readImportFile } from './read';

const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

async function run(request: ParseRequest): Promise<void> {
  try {
    post({ type: 'progress', phase: 'reading', done: 0, total: 1 });
    const doc = await readImportFile(request.path, {
      sheet: request.sheet,
      onProgress: (done, total) => post({ type: 'progress', phase: 'reading tables', done, total }),
    });
    post({ type: 'progress', phase: 'reading', done: 1, total: 1 });
    post({ type: 'done', doc });
  } catch (error) {
    if (error instanceof DomainError) post({ type: 'error', code: error.code, message: error.message });
    else post({ type: 'error', code: 'import_failed', message: UNREADABLE });
  }
}

if (parentPort) void run(workerData as ParseRequest);
