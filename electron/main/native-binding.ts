/**
 * Which better-sqlite3 native module the main process loads (plain module, tested without Electron).
 *
 * - Development (`npm start`, `npm run dev`): scripts/start.mjs builds one for Electron's ABI under
 *   out/native/ and names it in PLANWRIGHT_SQLITE_BINDING.
 * - Packaged: only the copy shipped inside the app (out/native/electron-<version>-<platform>-<arch>/, unpacked
 *   beside app.asar). The environment variable is ignored, so it can never load an arbitrary module.
 */
import path from 'node:path';

export interface BindingContext {
  isPackaged: boolean;
  /** The built main bundle's folder (out/main, inside app.asar when packaged). */
  mainDir: string;
  env: Record<string, string | undefined>;
  electronVersion: string;
  platform: string;
  arch: string;
  exists: (file: string) => boolean;
}

/** The folder name under out/native/ for one Electron version, platform and architecture (as scripts/electron-setup.mjs writes it). */
export function nativeFolderName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/** Native modules cannot be loaded from inside app.asar: electron-builder unpacks them to app.asar.unpacked. */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The binding to pass to better-sqlite3, or undefined for its default lookup. */
export function sqliteBinding(ctx: BindingContext): string | undefined {
  if (!ctx.isPackaged) return ctx.env.PLANWRIGHT_SQLITE_BINDING || undefined;
  const shipped = unpackedPath(
    path.join(
      ctx.mainDir,
      '..',
      'native',
      nativeFolderName(ctx.electronVersion, ctx.platform, ctx.arch),
      'better_sqlite3.node',
    ),
  );
  return ctx.exists(shipped) ? shipped : undefined;
}
