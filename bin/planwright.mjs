#!/usr/bin/env node
// The `planwright` command: runs the TypeScript command line (electron/cli/index.ts) through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/index.ts');
process.exitCode = await main(process.argv);
