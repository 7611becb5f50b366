import type { PageProgress, PageRecord } from './PageProgress';

/** How often a page saves how its deliveries ended, while they change. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * Saves a page's record every second while it changes, one save at a time (one in flight never piles
 * up), and once more at the end: the record's last state is its recipients' report. A save that
 * fails is tried again at the next tick; the final one is not awaited by anything that sends.
 */
export class ProgressSaver {
  private changed = false;
  private saving: Promise<void> = Promise.resolve();
  private inFlight = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly progress: PageProgress,
    private readonly pageId: string,
    private readonly record: PageRecord,
  ) {
    this.timer = setInterval(() => {
      if (!this.inFlight && this.changed) this.saveNow();
    }, PROGRESS_EVERY_MS);
  }

  /** A delivery ended: the record changed. */
  touch(): void {
    this.changed = true;
  }

  /**
   * Stops the ticks and writes the final state after any save in flight (so an older one cannot
   * land last). Resolves false when the final write failed (the report keeps the last saved state).
   */
  async finish(): Promise<boolean> {
    clearInterval(this.timer);
    await this.saving;
    if (!this.changed) return true;
    this.saveNow();
    await this.saving;
    return !this.changed;
  }

  private saveNow(): void {
    this.inFlight = true;
    this.changed = false;
    this.saving = this.progress
      .save(this.pageId, this.record)
      .catch(() => {
        this.changed = true;
      })
      .finally(() => {
        this.inFlight = false;
      });
  }
}
