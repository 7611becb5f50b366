import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  TurnContext,
  UserState,
} from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { runDialog } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { AlertStore } from '../../src/alerts/AlertStore';
import { StoredAlertCommands } from '../../src/bot/AlertCommands';
import { MainDialog } from '../../src/bot/dialogs/MainDialog';
import { createBlobServiceClient } from '../../src/storage/createBlobServiceClient';
import type { PriceFeed } from '../../src/prices/PriceFeed';

/**
 * botbuilder's default pattern, as the samples do it: ConversationState + UserState on BlobsStorage,
 * and the conversation reference written on every turn. Same dialogs as the product.
 */
export function defaultPatternBot(connectionString: string, prices: PriceFeed) {
  const storage = new BlobsStorage(connectionString, 'baseline-state');
  const references = new BlobsStorage(connectionString, 'baseline-references');
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const profile = userState.createProperty<{ seen: boolean }>('profile');
  const alerts = new AlertStore(
    createBlobServiceClient({
      kind: 'connectionString',
      setting: 'bench',
      connectionString,
    }).getContainerClient('baseline-alerts'),
  );
  const dialog = new MainDialog(prices, new StoredAlertCommands(alerts, prices));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const run = async (context: TurnContext): Promise<void> => {
    const { activity } = context;
    await profile.get(context, { seen: true });
    const reference = TurnContext.getConversationReference(activity);
    await references.write({ [`${activity.channelId}/${activity.conversation.id}`]: reference });
    await runDialog(dialog, context, dialogState);
    await conversationState.saveChanges(context);
    await userState.saveChanges(context);
  };
  return { adapter, run };
}
