import type { Activity, TurnContext } from 'botbuilder';
import type { EtagBotState } from './EtagBotState';
import { Outbox } from './Outbox';
import { retryOnConflict } from '../../storage/retryOnConflict';
import { isEtagConflict } from './isEtagConflict';

export interface HeldTurn {
  /** What the turn said, not sent yet. */
  activities: Partial<Activity>[];
  outbox: Outbox;
  /** The state's content before and after the run that was saved. */
  before: string;
  after: string;
}

/**
 * Why optimistic concurrency, not a lease: a lease costs two extra storage requests on every turn
 * (acquire, release) and blocks a second instance while the first waits on a slow channel. Here a
 * turn reads the conversation state with its eTag, runs with its sends held back, and saves with
 * If-Match (or, when it did not exist yet, creates it with If-None-Match). When another turn saved or
 * created it first, the save fails, the held sends are dropped and the turn
 * runs again on the fresh state; only the run whose save succeeded gets its sends out. Nothing is
 * lost (every turn is applied to the latest state) and nothing is said twice.
 */
export function runOptimisticTurn(
  context: TurnContext,
  state: EtagBotState,
  body: () => Promise<void>,
  onConflict?: (attempt: number, err: unknown) => void,
): Promise<HeldTurn> {
  const outbox = new Outbox(context);
  return retryOnConflict(
    async (attempt) => {
      await state.load(context, attempt > 1);
      const before = state.snapshot(context);
      outbox.take();
      await body();
      await state.saveChanges(context);
      return { activities: outbox.take(), outbox, before, after: state.snapshot(context) };
    },
    isEtagConflict,
    onConflict,
  );
}
