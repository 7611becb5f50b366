import * as df from 'durable-functions';
import { DurableClientStarter } from '../src/broadcast/DurableClientStarter';
import { lateBound } from '../src/host/lateBound';
import { processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { broadcastOrchestration } from './broadcastOrchestrator';
import { countRecipientsActivity } from './countRecipientsActivity';
import { cancelFunction } from './cancelFunction';
import { deliverPageActivity } from './deliverPageActivity';
import { deliverQueuedSendActivity } from './deliverQueuedSendActivity';
import { deliverScheduledSendActivity } from './deliverScheduledSendActivity';
import { editActivityFunction } from './editActivityFunction';
import { notifyFunction } from './notifyFunction';
import { planPagesActivity } from './planPagesActivity';
import { queuedSendOrchestration } from './queuedSendOrchestrator';
import { recipientsFunction } from './recipientsFunction';
import { scheduledSendOrchestration } from './scheduledSendOrchestrator';

/**
 * Registers notify, its cancel and report routes, editActivity and the broadcast, queued-send and scheduled-send
 * orchestrations with their activities (registerAllFunctions calls it).
 */
export function registerNotify(): void {
  // The services are resolved on first use: a bad setting fails invocations, not the registration.
  const notify = lateBound(() => processServices().notify);
  const pages = lateBound(() => processServices().pages);
  const edits = lateBound(() => processServices().edits);
  const queuedSends = lateBound(() => processServices().queuedSends);
  const scheduledSends = lateBound(() => processServices().scheduledSends);
  const references = lateBound(() => processServices().references);
  const cancel = lateBound(() => processServices().cancel);
  const report = lateBound(() => processServices().report);
  const starterFor = (context: Parameters<typeof df.getClient>[0]) =>
    new DurableClientStarter(df.getClient(context));
  registerFunction({ ...notifyFunction(notify, starterFor), extraInputs: [df.input.durableClient()] });
  registerFunction({ ...cancelFunction(cancel, starterFor), extraInputs: [df.input.durableClient()] });
  registerFunction({ ...recipientsFunction(report, starterFor), extraInputs: [df.input.durableClient()] });
  registerFunction(editActivityFunction(edits));
  registerFunction(broadcastOrchestration());
  registerFunction(planPagesActivity(pages));
  registerFunction(deliverPageActivity(pages));
  registerFunction(queuedSendOrchestration());
  registerFunction(deliverQueuedSendActivity(queuedSends));
  registerFunction(scheduledSendOrchestration());
  registerFunction(deliverScheduledSendActivity(scheduledSends));
  registerFunction(countRecipientsActivity(references));
}
