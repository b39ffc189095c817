/**
 * The `app://` protocol the packaged app serves its renderer from, as plain functions (no Electron
 * import) so they run under Node tests and the e2e harness's static server alike.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'planwright';
/** The renderer's own origin in production. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type to answer for a file, by extension. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map a request URL (or just its path) to a file under `root`, or null when it must be refused:
 * anything that would leave `root` (`..`, encoded `%2e%2e`, backslashes, absolute paths, NUL bytes).
 * "/" and extension-less paths (client-side routes) answer the renderer's index.html.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    pathname = requestUrl.includes('://') ? new URL(requestUrl).pathname : new URL(requestUrl, 'http://x').pathname;
  } catch {
    return null;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:$/.test(s))) return null;
  const relative = segments.join('/');
  if (relative === '' || path.extname(relative) === '') return path.join(root, 'index.html');
  const rootResolved = path.resolve(root);
  const resolved = path.resolve(rootResolved, relative);
  if (resolved !== rootResolved && !resolved.startsWith(rootResolved + path.sep)) return null;
  return resolved;
}
