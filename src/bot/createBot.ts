import type { AlertStore } from '../alerts/AlertStore';
import type { ProactiveTurns } from '../delivery/ProactiveTurns';
import type { ActivityEndpoint } from '../http/ActivityEndpoint';
import type { PriceFeed } from '../prices/PriceFeed';
import type { ConversationReferenceStore } from '../references/ConversationReferenceStore';
import type { Settings } from '../settings/Settings';
import type { Telemetry } from '../telemetry/Telemetry';
import { ServiceUrlPolicy } from '../delivery/ServiceUrlPolicy';
import { containerNames } from '../storage/containerNames';
import { createBlobServiceClient } from '../storage/createBlobServiceClient';
import { StoredAlertCommands } from './AlertCommands';
import { createAdapter } from './createAdapter';
import { MainDialog } from './dialogs/MainDialog';
import { BotEndpoint } from './http/BotEndpoint';
import { ProactiveBot } from './ProactiveBot';
import type { TurnStats } from './ProactiveBot';
import { BotProactiveTurns } from './proactive/BotProactiveTurns';
import { ChannelTokens } from './proactive/ChannelTokens';
import { ReferenceRecorder } from './ReferenceRecorder';
import { EtagBotState } from './state/EtagBotState';
import { BlobStateStorage } from './state/BlobStateStorage';
import { conversationStateKey } from './state/stateKeys';

export interface BotDependencies {
  settings: Settings;
  references: ConversationReferenceStore;
  prices: PriceFeed;
  alerts: AlertStore;
  telemetry: Telemetry;
}

export interface BotParts {
  /** What `messages` hands activities to. */
  endpoint: ActivityEndpoint;
  /** What delivery asks to prepare proactive turns. */
  proactive: ProactiveTurns;
  stats: TurnStats;
}

/** Builds the bot: adapter, Blob-backed state, dialogs, the endpoint and the proactive turns. */
export function createBot({ settings, references, prices, alerts, telemetry }: BotDependencies): BotParts {
  const container = createBlobServiceClient(settings.botStorage).getContainerClient(containerNames.botState);
  const storage = new BlobStateStorage(container);
  const conversationState = new EtagBotState(storage, conversationStateKey);
  const stats: TurnStats = { conflictRetries: 0, creationConflicts: 0 };
  const bot = new ProactiveBot({
    conversationState,
    references: new ReferenceRecorder(references, conversationState),
    mainDialog: new MainDialog(prices, new StoredAlertCommands(alerts, prices)),
    stats,
    telemetry,
  });
  const { adapter, credentials } = createAdapter(settings);
  const tokens = new ChannelTokens(settings.microsoftAppId, settings.microsoftAppTenantId, credentials);
  return {
    endpoint: new BotEndpoint(adapter, bot, ServiceUrlPolicy.fromSettings(settings)),
    proactive: new BotProactiveTurns(adapter, settings.microsoftAppId, bot, tokens),
    stats,
  };
}
