/**
 * Where Planwright keeps its data. Matches Electron's `app.getPath('userData')` for the product name
 * "Planwright" so the command line and the app open the same database by default.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Planwright';
export const DB_FILE_NAME = 'planwright.sqlite';

/** Electron's `appData` folder for a platform. */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
    ? env.XDG_CONFIG_HOME
    : path.posix.join(home, '.config');
}

/** The app's userData folder (`<appData>/Planwright`). */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(platform, env, home), PRODUCT_NAME);
}

/** The default database path, shared by the app and the command line. */
export function defaultDbPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(userDataDir(platform, env, home), DB_FILE_NAME);
}

/** The signed-in user's name for the audit log (os.userInfo throws on systems without a passwd entry). */
export function osUserName(fallback: string): string {
  try {
    return os.userInfo().username || fallback;
  } catch {
    return process.env.USER || process.env.USERNAME || fallback;
  }
}
