import { z } from 'zod';

/** A choice longer than any the bot offers is not one (the same cap as a typed command). */
export const MAX_CHOICE_LENGTH = 500;

const pressedChoice = z.object({ choice: z.string().min(1).max(MAX_CHOICE_LENGTH) });

/**
 * The choice of an Adaptive Card `Action.Submit` press: the message's `value` is the button's `data`,
 * `{"choice": "Yes"}`. `value` may be any JSON; only a string choice counts.
 */
export function cardChoiceOf(value: unknown): string | undefined {
  const parsed = pressedChoice.safeParse(value);
  return parsed.success ? parsed.data.choice : undefined;
}
