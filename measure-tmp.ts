import fs from 'node:fs';
import { readDocx } from './electron/import/docx';
const data = new Uint8Array(fs.readFileSync(process.argv[2] ?? '/tmp/relx/big.docx'));
const t = Date.now();
const d = readDocx(data, 'x.docx');
console.log('readDocx', Date.now() - t, 'ms rss', Math.round(process.memoryUsage().rss/1e6), 'blocks', d.blocks.length);
