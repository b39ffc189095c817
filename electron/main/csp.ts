/**
 * The Content-Security-Policy the main process sets on every renderer response. Production allows
 * only the app's own files; development also allows the Vite dev server's inline preamble and its
 * hot-reload socket and inline <style> tags; production allows neither inline scripts nor inline styles.
 */
export interface CspOptions {
  /** Development: the dev server origin, e.g. "http://localhost:5173". */
  devServerUrl?: string | null;
}

export function buildCsp(options: CspOptions = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const ws = dev ? `ws://${dev.host}` : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'", dev.origin] : ["'self'"],
    // Production: style sheets from the app only. React's `style` props go through the CSSOM, which CSP
    // does not restrict, so no 'unsafe-inline' is needed; Vite's dev server injects <style> tags.
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': dev && ws ? ["'self'", dev.origin, ws] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'worker-src': ["'self'", 'blob:'],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
