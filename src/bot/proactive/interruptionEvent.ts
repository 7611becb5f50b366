import type { Activity } from 'botbuilder';

/** The name of the event activity a proactive turn runs with, to push a dialog on the stack. */
export const INTERRUPT_EVENT = 'proactive/interrupt';

export interface Interruption {
  /** The delivery's id: the same id again does not push a second interruption. */
  id: string;
  /** Id of a dialog the main dialog knows (the survey interruption, the stock alert...). */
  dialogId: string;
  options: object;
  /** Cancel what was running instead of resuming it afterwards. */
  resetStack: boolean;
}

/** The interruption an activity carries, if it is a proactive interrupt event. */
export function interruptionOf(activity: Partial<Activity>): Interruption | undefined {
  if (activity.type !== 'event' || activity.name !== INTERRUPT_EVENT) return undefined;
  return activity.value as Interruption;
}
