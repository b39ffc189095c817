/** Types for electron-setup.mjs (plain JavaScript so `npm start` needs no TypeScript loader). */
type Env = Record<string, string | undefined>;
export const root: string;
export const MIN_APP_NODE: string;
export function nodeVersionProblem(version?: string): string | null;
export function electronBinary(electronDir?: string, env?: Env, platform?: string): string | null;
export function configuredProxy(env?: Env): { name: string; value: string } | null;
export function installerEnv(env?: Env): Env;
export function downloadHost(env?: Env): string;
export function downloadFailureMessage(options: {
  errorText?: string;
  env?: Env;
  canResolve?: boolean;
  electronVersion?: string;
}): string;
export function overrideMissingMessage(dir: string, platform?: string): string;
export function ensureElectron(deps?: {
  electronDir?: string;
  env?: Env;
  platform?: string;
  runInstaller?: (options: { electronDir: string; env: Env }) => Promise<{ status: number; errorText: string }>;
  lookup?: (host: string) => Promise<unknown>;
  log?: (line: string) => void;
}): Promise<{ exe: string } | { error: string }>;
export function electronAbi(electronVersion: string): string;
export function moduleAbi(file: string): string | null;
export function sourceCopyFilter(srcDir: string): (p: string) => boolean;
export function nativeBuildEnv(env?: Env): Env;
export const ELECTRON_HEADERS_URL: string;
export function prebuildArgs(options: { electronVersion: string; platform: string; arch: string }): string[];
export function nodeGypArgs(options: { electronVersion: string; arch: string; devdir: string }): string[];
export function toolchainHint(platform?: string): string;
export function nativeBuildFailureMessage(options: {
  electronVersion: string;
  platform?: string;
  reason: string;
}): string;
export function nativeBindingPath(options: {
  rootDir?: string;
  electronVersion: string;
  platform?: string;
  arch?: string;
}): string;
export function electronNativeBinding(deps?: {
  rootDir?: string;
  platform?: string;
  arch?: string;
  env?: Env;
  electronVersion?: string;
  run?: (command: string, args: string[], options: { cwd: string; env: Env }) => { status: number | null };
  abiOf?: (file: string) => string | null;
  log?: (line: string) => void;
}): string;
