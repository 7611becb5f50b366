import { join } from 'node:path';
import { loadBundle } from './loadBundle';

/** `npm run playground`'s program (dist/app/playground.js): playground.ts, from the bundle. */
loadBundle(join(__dirname, 'app.js')).playground();
