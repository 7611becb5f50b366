import type { AppServices } from '../../src/app/createApp';
import { createFunctions } from '../../src/app/createFunctions';
import { LocalHost } from '../../src/localHost/LocalHost';

/** The local host serving an app's functions on a free port, in this process. */
export async function inProcessHost(app: AppServices): Promise<{ url: string; stop: () => Promise<void> }> {
  const host = new LocalHost(createFunctions(app).filter((fn) => fn.kind === 'http'));
  const port = await host.start(0);
  return { url: `http://127.0.0.1:${port}`, stop: () => host.stop() };
}
