import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlidingWindow } from '../../src/delivery/SlidingWindow';

/** What happens to a window, in time order: a send starts, a send is answered, a 429 pauses it. */
type Step = ['take' | 'release', number] | ['pause', number];

interface Row {
  name: string;
  window: [limit: number, windowMs: number, spacingMs?: number];
  steps: Step[];
  /** freeAt(at, limit?) should be `free`. */
  at: number;
  limit?: number;
  free: number;
}

const takes = (count: number, at: number): Step[] => Array.from({ length: count }, () => ['take', at]);
const releases = (count: number, at: number): Step[] => Array.from({ length: count }, () => ['release', at]);

const rows: Row[] = [
  { name: 'empty: free now', window: [3, 1_000], steps: [], at: 5, free: 5 },
  {
    name: 'room left: free now (no spacing: a burst)',
    window: [3, 1_000],
    steps: takes(2, 0),
    at: 0,
    free: 0,
  },
  {
    name: 'full, all in flight: only an answer makes room',
    window: [3, 1_000],
    steps: takes(3, 0),
    at: 10,
    free: Infinity,
  },
  {
    name: 'full: the slot comes back a window after the answer, not after the start (time in flight counts)',
    window: [3, 1_000],
    steps: [...takes(3, 0), ...releases(3, 40)],
    at: 50,
    free: 1_040,
  },
  {
    name: 'the oldest answer frees the first slot',
    window: [3, 1_000],
    steps: [...takes(3, 0), ['release', 10], ['release', 300], ['release', 600]],
    at: 20,
    free: 1_010,
  },
  {
    name: 'expired answers count no more',
    window: [3, 1_000],
    steps: [...takes(3, 0), ...releases(3, 40)],
    at: 1_040,
    free: 1_040,
  },
  {
    name: 'a lower limit for this send (part of the window kept): full for it, not for the whole window',
    window: [5, 1_000],
    steps: [...takes(3, 0), ...releases(3, 20)],
    at: 30,
    limit: 3,
    free: 1_020,
  },
  {
    name: 'the whole limit for a send that may use the part kept',
    window: [5, 1_000],
    steps: [...takes(3, 0), ...releases(3, 20)],
    at: 30,
    free: 30,
  },
  {
    name: 'a lower limit, all of it in flight: only an answer makes room',
    window: [5, 1_000],
    steps: takes(3, 0),
    at: 30,
    limit: 3,
    free: Infinity,
  },
  {
    name: 'spacing: two back to back, then one per spacing',
    window: [10, 1_000, 100],
    steps: takes(2, 0),
    at: 0,
    free: 100,
  },
  {
    name: 'a pause holds it though it has room',
    window: [10, 1_000],
    steps: [['pause', 2_000]],
    at: 0,
    free: 2_000,
  },
];

for (const row of rows) {
  test(`SlidingWindow: ${row.name}`, () => {
    const window = new SlidingWindow(...row.window);
    for (const [op, at] of row.steps) {
      if (op === 'take') window.take(at);
      else if (op === 'release') window.release(at);
      else window.pause(at);
    }
    assert.equal(window.freeAt(row.at, row.limit), row.free);
  });
}
