import { LocalBroadcastStarter } from '../../src/localHost/durable/LocalBroadcastStarter';
import { mostInWindow } from './mostInWindow';
import { NotifyCalls } from './notifyCalls';
import { saveTestRecipients } from './saveTestRecipients';
import { TestApp } from './testApp';

/**
 * One `to: "all"` broadcast of `recipients` at NOTIFY_RATE_PER_SECOND=`rate` against a loopback
 * channel enforcing `rate` per second strictly (every request counts, 429 with Retry-After), on a
 * fresh storage and app (a fresh send budget ledger). For the pacing test and benchmark.
 */
export async function runPacedBroadcast(rate: number, recipients: number) {
  const env = await TestApp.start();
  env.channel.keep = false;
  env.channel.throttlePerSecond = rate;
  env.channel.throttleStrict = true;
  const local = env.createLocalApp({ NOTIFY_RATE_PER_SECOND: String(rate) });
  try {
    const starter = new LocalBroadcastStarter(local.runtime, 'http://localhost:7071');
    const calls = new NotifyCalls(local.services, () => starter);
    await saveTestRecipients(local.services.references, env.channel.serviceUrl, recipients, 'paced');
    const started = Date.now();
    const answer = await calls.notify({ to: 'all', text: 'paced' });
    if (answer.status !== 202) throw new Error(`notify answered ${answer.status}`);
    await local.runtime.idle();
    const seconds = (Date.now() - started) / 1_000;
    const status = await local.runtime.status((answer.json as { id: string }).id);
    const arrivals = [...env.channel.arrivals].sort((a, b) => a - b);
    const gaps = arrivals.slice(rate).map((t, i) => t - (arrivals[i] ?? t));
    return {
      output: status?.output,
      /** Recipients per second from the notify call to the last answer (planning included). */
      perSecond: recipients / seconds,
      /** While sending: `rate` sends per the mean time from a send to the one `rate` later (1 s at the ceiling). */
      steady: (rate * 1_000) / (gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length),
      requests: arrivals.length,
      throttled: env.channel.throttled,
      most: mostInWindow(arrivals, 1_000),
      firstMs: (arrivals[0] ?? started) - started,
    };
  } finally {
    await local.runtime.idle();
    await local.services.channel.close();
    await env.stop();
  }
}
