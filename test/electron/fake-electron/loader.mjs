/**
 * Module hooks for the shell smoke test (registered by run-smoke.mjs): `electron` resolves to the strict
 * fake beside this file, and the app's own `node:worker_threads` to a spy that counts the workers it starts.
 */
const fake = new URL('./electron.mjs', import.meta.url).href;
const spy = new URL('./worker-spy.mjs', import.meta.url).href;
const here = new URL('./', import.meta.url).href;

let appRoot = '';
export function initialize(data) {
  appRoot = data.appRoot;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true };
  if (
    (specifier === 'node:worker_threads' || specifier === 'worker_threads') &&
    context.parentURL?.startsWith(appRoot) &&
    !context.parentURL.startsWith(here)
  )
    return { url: spy, shortCircuit: true };
  return next(specifier, context);
}
