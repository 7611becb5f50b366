/**
 * Runs Azurite in this process (`node azuriteTiedToParent.js <azurite main script> <azurite flags>`)
 * and stops it when stdin closes. AzuriteProcess gives this process a pipe on stdin and never writes
 * to it: the kernel closes the pipe's other end however the parent ends, `kill -9` included, so EOF
 * here means "the process that started me is gone". Unlike polling the parent pid, this needs no
 * timer, cannot be fooled by a reused pid, and works the same on every platform. Azurite itself runs
 * in this very process (not as a grandchild), so nothing can outlive the watch.
 */
function runTiedToParent(): void {
  const [node = process.execPath, , main, ...flags] = process.argv;
  if (!main) {
    console.error('usage: node azuriteTiedToParent.js <azurite main script> [azurite flags]');
    process.exit(2);
  }
  // Azurite's own SIGINT/SIGTERM handlers close its servers; then the watched stdin would be all
  // that keeps this process alive: let go of it, and exit anyway if closing takes too long.
  const stopping = (): void => {
    process.stdin.destroy();
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.once('SIGTERM', stopping);
  process.once('SIGINT', stopping);
  const parentGone = (): void => void process.kill(process.pid, 'SIGTERM');
  process.stdin.once('end', parentGone);
  process.stdin.once('error', parentGone);
  process.stdin.resume();
  // Azurite reads its flags from process.argv: make it look as if it were run directly.
  process.argv = [node, main, ...flags];
  import(main).catch((err: unknown) => {
    console.error(`Azurite could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

runTiedToParent();
