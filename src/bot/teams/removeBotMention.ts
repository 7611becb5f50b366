import { TurnContext } from 'botbuilder';
import type { Activity, Mention } from 'botbuilder';

/** At most this many ways of writing the bot's mention are removed (each costs one pass over the text). */
const MAX_SPELLINGS = 8;
/** A mention's text longer than this is no mention anyone typed. */
const MAX_MENTION_LENGTH = 256;

/**
 * Takes the bot's own @mention out of a message's text, as Teams puts it there in group chats and
 * channels (`<at>Proactive Bot</at> help` is `help`). The mention entities that name the bot
 * (`mentioned.id` is the recipient's id) say how it was written: their `text`, and `<at>name</at>` for
 * the name they give. Non-breaking spaces Teams leaves around it (`&nbsp;`, U+00A0) become spaces.
 * Other people's mentions stay. Malformed entities are skipped; the work is linear in the text.
 */
export function removeBotMention(activity: Activity): void {
  const botId = activity.recipient?.id;
  if (typeof activity.text !== 'string' || !botId) return;
  const spellings = botMentionSpellings(activity, botId);
  if (spellings.length === 0) return;
  let text = normalizeSpaces(activity.text);
  for (const spelling of spellings) {
    const mention: Mention = { type: 'mention', text: spelling, mentioned: { id: botId, name: '' } };
    // removeRecipientMention removes the first occurrence of a mention entity's text.
    const probe: Partial<Activity> = { text, recipient: activity.recipient, entities: [mention] };
    text = TurnContext.removeRecipientMention(probe) ?? text;
  }
  activity.text = text.trim();
}

function botMentionSpellings(activity: Activity, botId: string): string[] {
  const spellings = new Set<string>();
  for (const entity of TurnContext.getMentions(activity)) {
    const mentioned: unknown = entity.mentioned;
    if (typeof mentioned !== 'object' || mentioned === null || !('id' in mentioned)) continue;
    if (mentioned.id !== botId) continue;
    const text: unknown = entity.text;
    if (typeof text === 'string') add(spellings, text);
    if ('name' in mentioned && typeof mentioned.name === 'string')
      add(spellings, `<at>${mentioned.name}</at>`);
    if (spellings.size >= MAX_SPELLINGS) break;
  }
  return [...spellings].slice(0, MAX_SPELLINGS);
}

function add(spellings: Set<string>, spelling: string): void {
  const normal = normalizeSpaces(spelling).trim();
  if (normal !== '' && normal.length <= MAX_MENTION_LENGTH) spellings.add(normal);
}

/** `&nbsp;` (as Teams' HTML leaves it) and U+00A0 are spaces here. */
function normalizeSpaces(text: string): string {
  return text.replaceAll('&nbsp;', ' ').replaceAll('\u00a0', ' ');
}
