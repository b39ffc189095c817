/** Shared helpers of the importer tests. */
import fs from 'node:fs';
import path from 'node:path';
import { analyse, type AnalyseOptions, type Analysis } from '../../electron/import/analyse';
import { readImportBytes } from '../../electron/import/read';

export const FIXTURES = '/work/shared/fixtures';
export const PLAIN_2020 = path.join(FIXTURES, 'word/continuous-development-plan-2020.docx');
export const RATED_2020 = path.join(FIXTURES, 'word/continuous-development-plan-2020-rated.docx');
export const RATED_2020_EXPECTED = path.join(FIXTURES, 'word/continuous-development-plan-2020-rated.expected.json');
export const FIXTURE_2020_JSON = path.join(FIXTURES, 'continuous-development-plan-2020.json');

export const readJson = (p: string): unknown => JSON.parse(fs.readFileSync(p, 'utf8'));

/** Reads and analyses bytes as the worker and handlers do. */
export async function importBytes(
  data: Uint8Array,
  fileName: string,
  options: AnalyseOptions & { sheet?: string } = {},
): Promise<Analysis> {
  const doc = await readImportBytes(data, fileName, { sheet: options.sheet });
  return analyse(doc, options);
}

export async function importPath(p: string, options: AnalyseOptions & { sheet?: string } = {}): Promise<Analysis> {
  return importBytes(new Uint8Array(fs.readFileSync(p)), path.basename(p), options);
}
