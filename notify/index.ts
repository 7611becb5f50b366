import * as df from 'durable-functions';
import { DurableClientStarter } from '../src/broadcast/DurableClientStarter';
import { processApp } from '../src/host/processApp';
import { registerFunction } from '../src/host/registerFunction';
import { broadcastOrchestration } from './broadcastOrchestrator';
import { deliverPageActivity } from './deliverPageActivity';
import { editActivityFunction } from './editActivityFunction';
import { notifyFunction } from './notifyFunction';
import { planPagesActivity } from './planPagesActivity';

const { notify, edits, pages } = processApp();
const starterFor = (context: Parameters<typeof df.getClient>[0]) =>
  new DurableClientStarter(df.getClient(context));
registerFunction({ ...notifyFunction(notify, starterFor), extraInputs: [df.input.durableClient()] });
registerFunction(editActivityFunction(edits));
registerFunction(broadcastOrchestration());
registerFunction(planPagesActivity(pages));
registerFunction(deliverPageActivity(pages));
