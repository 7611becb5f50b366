import { z } from 'zod';

/** How far ahead a send may be scheduled. */
export const MAX_SCHEDULE_DAYS = 30;
const MAX_SCHEDULE_MS = MAX_SCHEDULE_DAYS * 24 * 60 * 60 * 1000;

/**
 * `sendAt`: an ISO 8601 date and time with an offset (`Z` or `±hh:mm`), at most 30 days from now; a
 * time in the past means now. Read as the instant it names, in UTC (`2026-11-26T09:00:00.000Z`).
 */
export const sendAtSchema = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date and time with an offset, e.g. "2026-11-26T09:00:00+01:00"',
  })
  .transform((text, ctx) => {
    const time = Date.parse(text);
    if (Number.isNaN(time)) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid date and time' });
      return z.NEVER;
    }
    if (time - Date.now() > MAX_SCHEDULE_MS) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_SCHEDULE_DAYS} days ahead` });
      return z.NEVER;
    }
    return new Date(time).toISOString();
  });
