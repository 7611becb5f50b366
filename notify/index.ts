import * as df from 'durable-functions';
import { DurableClientStarter } from '../src/broadcast/DurableClientStarter';
import { durableLookup } from '../src/broadcast/durableLookup';
import { lateBound } from '../src/host/lateBound';
import { processServices } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { broadcastOrchestration } from './broadcastOrchestrator';
import { deliverPageActivity } from './deliverPageActivity';
import { deliverQueuedSendActivity } from './deliverQueuedSendActivity';
import { editActivityFunction } from './editActivityFunction';
import { notifyFunction } from './notifyFunction';
import { planPagesActivity } from './planPagesActivity';
import { queuedSendOrchestration } from './queuedSendOrchestrator';
import { recipientsFunction } from './recipientsFunction';

// The services are resolved on first use: a bad setting fails invocations, not the registration.
const notify = lateBound(() => processServices().notify);
const pages = lateBound(() => processServices().pages);
const edits = lateBound(() => processServices().edits);
const queuedSends = lateBound(() => processServices().queuedSends);
const report = lateBound(() => processServices().report);
const starterFor = (context: Parameters<typeof df.getClient>[0]) =>
  new DurableClientStarter(df.getClient(context));
registerFunction({ ...notifyFunction(notify, starterFor), extraInputs: [df.input.durableClient()] });
registerFunction(editActivityFunction(edits));
registerFunction({
  ...recipientsFunction(report, (context) => durableLookup(df.getClient(context))),
  extraInputs: [df.input.durableClient()],
});
registerFunction(broadcastOrchestration());
registerFunction(planPagesActivity(pages));
registerFunction(deliverPageActivity(pages));
registerFunction(queuedSendOrchestration());
registerFunction(deliverQueuedSendActivity(queuedSends));
