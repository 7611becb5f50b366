import { join } from 'node:path';
import { loadBundle } from './loadBundle';

/** package.json `main`: what the Functions host loads (func start, Azure) registers every function. */
loadBundle(join(__dirname, 'app.js')).registerAllFunctions();
