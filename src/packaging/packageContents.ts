/**
 * What `npm run package` puts in the deployment package (dist/package, zipped to dist/app.zip):
 * the app bundle and its launchers (dist/app; package.json `main` is dist/app/functions.js) with
 * the bundle's source map (stacks in Azure name TypeScript lines), host.json, package.json (without
 * devDependencies and scripts) and a package-lock.json that matches it, and the production
 * dependencies (the bundle leaves a few out: see src/bundle/bundleLayout.ts). `.funcignore` leaves
 * out the same things (test/integration/packageApp.test.ts checks it).
 */
export const packageContents = {
  /** Files and folders copied from the project root as they are. */
  copied: ['host.json', 'dist/app'],
  /** Left out of what is copied, as paths relative to the project root: a build's own records. */
  leftOutOfDist: ['dist/app/.code-cache', 'dist/app/build-manifest.json'],
  /**
   * File name endings left out everywhere, node_modules included, as `.funcignore` does: nothing
   * reads them at run time (source maps, type declarations, TypeScript sources): about half of the
   * production dependencies' bytes.
   */
  leftOutEndings: ['.map', '.ts', '.mts', '.cts'],
  /** Kept although their ending is left out (paths relative to the project root). */
  keptAnyway: ['dist/app/app.js.map'],
  /** package.json keys kept in the package's package.json. */
  packageJsonKeys: ['name', 'version', 'private', 'description', 'main', 'type', 'engines', 'dependencies'],
} as const;

/** Whether a file of this name is left out of the package wherever it is. */
export function isLeftOut(name: string): boolean {
  return packageContents.leftOutEndings.some((ending) => name.toLowerCase().endsWith(ending));
}
