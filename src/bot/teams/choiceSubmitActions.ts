import type { SubmitAction } from './adaptiveCardTypes';

/**
 * One card button per choice. Pressing it posts `value: {"choice": "<the choice>"}` with no text,
 * which the bot reads as if the user had typed the choice.
 */
export function choiceSubmitActions(choices: readonly string[]): SubmitAction[] {
  return choices.map((choice) => ({ type: 'Action.Submit', title: choice, data: { choice } }));
}
