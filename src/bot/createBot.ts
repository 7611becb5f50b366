import { BotState } from 'botbuilder';
import type { ActivityEndpoint } from '../http/ActivityEndpoint';
import type { PriceFeed } from '../prices/PriceFeed';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { Settings } from '../settings/Settings';
import { containerNames } from '../storage/containerNames';
import { createAdapter } from './createAdapter';
import { MainDialog } from './dialogs/MainDialog';
import { BotEndpoint } from './http/BotEndpoint';
import { ProactiveBot } from './ProactiveBot';
import { ReferenceRecorder } from './ReferenceRecorder';
import { RecoveringBlobsStorage } from './state/RecoveringBlobsStorage';
import { conversationStateKey, userStateKey } from './state/stateKeys';

export interface BotDependencies {
  settings: Settings;
  references: ConversationReferenceStore;
  prices: PriceFeed;
}

/** Builds the bot: adapter, Blob-backed state, dialogs, and the endpoint `messages` calls. */
export function createBot({ settings, references, prices }: BotDependencies): { endpoint: ActivityEndpoint } {
  const storage = new RecoveringBlobsStorage(settings.botStorage, containerNames.botState);
  const conversationState = new BotState(storage, (context) =>
    Promise.resolve(conversationStateKey(context)),
  );
  const userState = new BotState(storage, (context) => Promise.resolve(userStateKey(context)));
  const bot = new ProactiveBot({
    conversationState,
    userState,
    references: new ReferenceRecorder(references, conversationState, userState),
    mainDialog: new MainDialog(prices),
  });
  return { endpoint: new BotEndpoint(createAdapter(settings), bot) };
}
