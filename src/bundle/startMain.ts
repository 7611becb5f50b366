import { join } from 'node:path';
import { loadBundle } from './loadBundle';

/** `npm start`'s program (dist/app/start.js): the app as start.ts runs it, from the bundle. */
loadBundle(join(__dirname, 'app.js')).start();
