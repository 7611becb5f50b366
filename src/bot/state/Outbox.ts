import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

/**
 * Holds back what a turn sends until the turn's state is saved: a turn that loses a race on the
 * state is run again, and what its first run said must never reach the user.
 */
export class Outbox {
  private held: Partial<Activity>[] = [];
  private releasing = false;

  constructor(context: TurnContext) {
    context.onSendActivities(async (_context, activities, next) => {
      if (this.releasing) return next();
      this.held.push(...activities);
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
  }

  /** What the turn sent so far, emptied. */
  take(): Partial<Activity>[] {
    const held = this.held;
    this.held = [];
    return held;
  }

  /** Sends the held activities through the adapter, as the turn would have. */
  async release(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
    this.releasing = true;
    if (activities.length) await context.sendActivities(activities);
  }
}
