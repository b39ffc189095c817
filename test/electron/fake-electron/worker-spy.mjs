/** node:worker_threads for the app under test, counting the worker threads it starts. */
import * as real from 'node:worker_threads';

export * from 'node:worker_threads';
export class Worker extends real.Worker {
  constructor(...args) {
    super(...args);
    globalThis.__fakeElectron?.workers.push(String(args[0]).slice(0, 200));
    globalThis.__fakeElectron?.workerOrigins?.push('main');
  }
}
export default { ...real, Worker };
