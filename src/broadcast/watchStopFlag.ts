import { STOP_CHECK_MS } from '../notify/StopFlags';
import type { StopFlags } from '../notify/StopFlags';

/** A page's view of its broadcast's stop flag: `signal` aborts once it is set; `end` stops watching. */
export interface StopWatch {
  signal: AbortSignal;
  end: () => void;
}

/**
 * The broadcast's stop flag (DELETE /api/notify/{id}), read now and every STOP_CHECK_MS while the
 * page sends (at once when set in this process): once set, the signal aborts every send of the page
 * not yet tried. Without flags (tests), never aborts.
 */
export async function watchStopFlag(stops: StopFlags | undefined, broadcastId: string): Promise<StopWatch> {
  const stop = new AbortController();
  const abort = () => stop.abort();
  const check = async () => {
    if (await stops?.isStopped(broadcastId)) abort();
  };
  await check();
  const unwatch = stops?.watch(broadcastId, abort);
  const timer = stops ? setInterval(() => void check(), STOP_CHECK_MS) : undefined;
  const end = () => {
    clearInterval(timer);
    unwatch?.();
  };
  return { signal: stop.signal, end };
}
