import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';

/** An invocation as the Functions host makes one: its own id, and log lines tagged with both names. */
export function createInvocationContext(functionName: string): InvocationContext {
  const invocationId = randomUUID();
  return new InvocationContext({
    functionName,
    invocationId,
    logHandler: (level, ...args) => {
      const line = `[${new Date().toISOString()}] ${functionName} (${invocationId}) ${level}:`;
      if (level === 'error' || level === 'critical') console.error(line, ...args);
      else if (level === 'warning') console.warn(line, ...args);
      else console.log(line, ...args);
    },
  });
}
