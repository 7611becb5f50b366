import type { DurableClient } from 'durable-functions';
import type { InstanceLookup } from './RecipientReport';

/**
 * An InstanceLookup over the Durable client: the instance's name and creation time; undefined when
 * the extension knows no such instance (its client throws on that 404; other failures propagate).
 */
export function durableLookup(client: DurableClient): InstanceLookup {
  return {
    status: async (instanceId) => {
      try {
        const status = await client.getStatus(instanceId);
        return { name: status.name, createdTime: status.createdTime };
      } catch (err) {
        if (err instanceof Error && /HTTP 404/.test(err.message)) return undefined;
        throw err;
      }
    },
  };
}
