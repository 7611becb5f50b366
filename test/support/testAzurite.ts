import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { AzuriteProcess } from '../../src/localHost/AzuriteProcess';

/** A real Azurite (blob service) on a free port with its own data folder, removed on stop. */
export class TestAzurite {
  private constructor(
    private process: AzuriteProcess,
    private readonly folder: string,
  ) {}

  static async start(): Promise<TestAzurite> {
    const folder = mkdtempSync(join(tmpdir(), 'azurite-test-'));
    const azurite = await AzuriteProcess.start({ location: folder, services: 'blob', blobPort: 0 });
    return new TestAzurite(azurite, folder);
  }

  get port(): number {
    return this.process.blobPort;
  }

  get connectionString(): string {
    return this.process.connectionString;
  }

  blobs(): BlobServiceClient {
    return BlobServiceClient.fromConnectionString(this.connectionString);
  }

  /** Names of the blobs in a container (empty when the container does not exist). */
  async blobNames(container: string): Promise<string[]> {
    const client = this.blobs().getContainerClient(container);
    if (!(await client.exists())) return [];
    const names: string[] = [];
    for await (const blob of client.listBlobsFlat()) names.push(blob.name);
    return names;
  }

  /** Storage goes down: the Azurite process stops (its data stays). */
  async pause(): Promise<void> {
    await this.process.stop();
  }

  /** Storage comes back on the same port, with the same data. */
  async resume(): Promise<void> {
    this.process = await AzuriteProcess.start({
      location: this.folder,
      services: 'blob',
      blobPort: this.port,
    });
  }

  async stop(): Promise<void> {
    await this.process.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
