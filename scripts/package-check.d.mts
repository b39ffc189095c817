/** Types for package-check.mjs. */
export function makeStandInElectron(dir: string, electronVersion: string): string;
export function unwantedEntries(entries: string[]): string[];
export function offlineEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function downloadLines(output: string): string[];
