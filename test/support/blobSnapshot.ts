import type { BlobServiceClient } from '@azure/storage-blob';

/** Every container and blob of the account with its eTag: equal snapshots mean nothing was written. */
export async function blobSnapshot(service: BlobServiceClient): Promise<string[]> {
  const lines: string[] = [];
  for await (const container of service.listContainers()) {
    lines.push(`${container.name} ${container.properties.etag}`);
    for await (const blob of service.getContainerClient(container.name).listBlobsFlat()) {
      lines.push(`${container.name}/${blob.name} ${blob.properties.etag ?? ''}`);
    }
  }
  return lines;
}

/** What differs between two snapshots, in a line (undefined when nothing does). */
export function snapshotChange(before: string[], after: string[]): string | undefined {
  const added = after.filter((line) => !before.includes(line));
  const removed = before.filter((line) => !after.includes(line));
  if (!added.length && !removed.length) return undefined;
  return `state changed: +${JSON.stringify(added.slice(0, 3))} -${JSON.stringify(removed.slice(0, 3))}`;
}
