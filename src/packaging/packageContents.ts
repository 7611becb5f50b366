/**
 * What `npm run package` puts in the deployment package (dist/package, zipped to dist/app.zip):
 * the compiled app without tests, benchmarks and source maps, host.json, package.json (without
 * devDependencies and scripts) and a package-lock.json that matches it, and the production
 * dependencies. `.funcignore` leaves out the same things (test/unit/package.test.ts checks it).
 */
export const packageContents = {
  /** Files and folders copied from the project root as they are. */
  copied: ['host.json', 'dist'],
  /** Left out of `dist/`, as paths relative to the project root. */
  leftOutOfDist: ['dist/test', 'dist/bench', 'dist/package', 'dist/app.zip'],
  /**
   * File name endings left out everywhere, node_modules included, as `.funcignore` does: nothing
   * reads them at run time (source maps, type declarations, TypeScript sources): about half of the
   * production dependencies' bytes.
   */
  leftOutEndings: ['.map', '.ts', '.mts', '.cts'],
  /** package.json keys kept in the package's package.json. */
  packageJsonKeys: ['name', 'version', 'private', 'description', 'main', 'type', 'engines', 'dependencies'],
} as const;

/** Whether a file of this name is left out of the package wherever it is. */
export function isLeftOut(name: string): boolean {
  return packageContents.leftOutEndings.some((ending) => name.toLowerCase().endsWith(ending));
}
