import { join } from 'node:path';

/**
 * Where the app bundle and its launchers live, relative to the project root. One bundle holds the
 * whole app (every function, the local host and the CLI), so a process loads one module graph, once.
 * The launchers are small files that load it (loadBundle) and call one of its entries.
 */
export const bundleLayout = {
  /** The output folder (package.json `main` names `functions.js` in it). */
  folder: join('dist', 'app'),
  /** The app bundle's entry (see bundleEntry.ts), bundled to `app.js` with `app.js.map`. */
  entry: join('src', 'bundle', 'bundleEntry.ts'),
  /** Small entries bundled on their own: each loads app.js or runs a helper process. */
  launchers: {
    functions: join('src', 'bundle', 'functionsMain.ts'),
    start: join('src', 'bundle', 'startMain.ts'),
    playground: join('src', 'bundle', 'playgroundMain.ts'),
    azuriteTiedToParent: join('src', 'localHost', 'azuriteTiedToParent.ts'),
    playgroundTiedToParent: join('src', 'cli', 'playgroundTiedToParent.ts'),
  },
  /** What the last build read (inputs with their modification times), to skip a build that would change nothing. */
  manifest: 'build-manifest.json',
  /**
   * Packages left out of the bundle: the Functions host provides `@azure/functions-core`; Azurite
   * and the Playground run as processes of their own; the telemetry distro loads only when telemetry
   * is on, and its instrumentations hook `require` of the packages they trace (core-tracing).
   */
  external: [
    '@azure/functions-core',
    'azurite',
    '@microsoft/m365agentsplayground',
    '@azure/monitor-opentelemetry',
    '@azure/core-tracing',
    '@opentelemetry/*',
  ],
} as const;
