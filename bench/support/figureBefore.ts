/**
 * The figures issue 12 recorded before its work (same machine, 2026-11), printed beside today's so
 * that a figure that got slower shows. Keyed by the start of a figure's label.
 */
const BEFORE: ReadonlyArray<readonly [string, string]> = [
  ['Storage requests per steady-state turn', '3.00 (ratio 0.75)'],
  ['Storage requests per first turn of a new user', '7.00 (ratio 1.40)'],
  ['First turns per second, 16 at once', 'ratio 0.73-0.79'],
  ['Start-up to first answered', '920 ms (ratio 2.45)'],
  ['message notify latency, median', '3.96 ms (ratio 5.75)'],
  ['message notify latency, p95', 'ratio 9.2'],
  ['repeated notify, message, to conversationId', '1.05-1.40'],
  ['repeated notify, message, to userId', '2.05'],
  ['10000 recipients, messages per second', 'ratio 1.04'],
  ['10000 recipients, storage requests per 1,000', '4.3'],
  ['3000 recipients, storage requests per 1,000', '8.0'],
  ['500 recipients, achieved rate / ceiling', '43.6 msg/s'],
];

/** What issue 12 recorded for this figure before its work, when it did. */
export function figureBefore(label: string): string | undefined {
  return BEFORE.find(([start]) => label.startsWith(start))?.[1];
}
