/**
 * The app bundle's entry (dist/app/app.js): everything each process of the app runs, in one module
 * graph. Loading it registers nothing and starts nothing; a launcher calls one of these.
 */
export { registerAllFunctions } from '../host/registerAllFunctions';
export { start } from '../cli/start';
export { playground } from '../cli/playground';
