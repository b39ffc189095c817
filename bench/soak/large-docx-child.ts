/** Child of `largeDocxFigures` (large-docx.ts): reads and analyses one .docx, prints its figures as JSON. */
import { analyse } from '../../electron/import/analyse';
import { readImportFile } from '../../electron/import/read';

const file = process.argv[2]!;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const doc = await readImportFile(file);
const { draft } = analyse(doc);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    tables: doc.blocks.filter((b) => b.type === 'table').length,
    actions: draft.sections.reduce((n, s) => n + s.actions.length, 0),
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
