/**
 * zod 4 probes for `new Function` to speed up object parsing; the production CSP forbids eval, so the probe
 * would be reported as a violation. Imported first by the entry so it runs before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
