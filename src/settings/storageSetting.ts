import { z } from 'zod';
import type { SettingName } from './settingNames';
import { SettingsError } from '../errors';
import type { StorageSetting } from '../storage/StorageSetting';

const connectionString = z
  .string()
  .refine(
    (s) => /^UseDevelopmentStorage=true;?$/i.test(s) || /(^|;)\s*(AccountName|BlobEndpoint)=/i.test(s),
    'must be UseDevelopmentStorage=true or a storage connection string with AccountName or BlobEndpoint',
  );

const accountName = z
  .string()
  .regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3 to 24 lower-case letters and digits)');

const serviceUri = z.url({
  protocol: /^https$/,
  error: 'must be an https:// URL (a token is only sent over HTTPS)',
});

const credential = z.string().transform((s, ctx) => {
  if (s.toLowerCase() === 'managedidentity') return 'managedidentity' as const;
  ctx.addIssue({ code: 'custom', message: 'must be "managedidentity" or unset (DefaultAzureCredential)' });
  return z.NEVER;
});

function parse<T>(name: string, schema: z.ZodType<T, string>, value: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SettingsError(name, `${result.error.issues[0]?.message ?? 'is malformed'} (got "${value}")`);
}

type StoragePrefix = 'AzureWebJobsStorage' | 'BOT_STORAGE';

/** The identity-based settings of each storage connection, as SettingName values. */
const STORAGE_SETTINGS = {
  AzureWebJobsStorage: {
    blobServiceUri: 'AzureWebJobsStorage__blobServiceUri',
    accountName: 'AzureWebJobsStorage__accountName',
    credential: 'AzureWebJobsStorage__credential',
    clientId: 'AzureWebJobsStorage__clientId',
  },
  BOT_STORAGE: {
    blobServiceUri: 'BOT_STORAGE__blobServiceUri',
    accountName: 'BOT_STORAGE__accountName',
    credential: 'BOT_STORAGE__credential',
    clientId: 'BOT_STORAGE__clientId',
  },
} as const satisfies Record<StoragePrefix, Record<string, SettingName>>;

/**
 * Reads one storage connection setting as the Functions host does: the plain `<prefix>` connection
 * string when set; else identity-based `<prefix>__blobServiceUri` (or `<prefix>__accountName`, meaning
 * `https://<name>.blob.core.windows.net`) with `<prefix>__credential` and `<prefix>__clientId`; else
 * undefined (the caller picks the default). Throws a SettingsError naming the bad setting.
 */
export function storageSetting(
  prefix: StoragePrefix,
  get: (name: SettingName) => string,
): StorageSetting | undefined {
  const names = STORAGE_SETTINGS[prefix];
  const plain = get(prefix);
  if (plain)
    return {
      kind: 'connectionString',
      setting: prefix,
      connectionString: parse(prefix, connectionString, plain),
    };
  const uri = get(names.blobServiceUri);
  const account = get(names.accountName);
  const kind = get(names.credential);
  const clientId = get(names.clientId) || undefined;
  if (!uri && !account) {
    const stray = kind ? '__credential' : clientId ? '__clientId' : undefined;
    if (stray) {
      throw new SettingsError(
        `${prefix}${stray}`,
        `needs ${prefix}__blobServiceUri or ${prefix}__accountName`,
      );
    }
    return undefined;
  }
  const blobServiceUri = uri
    ? parse(`${prefix}__blobServiceUri`, serviceUri, uri).replace(/\/+$/, '')
    : `https://${parse(`${prefix}__accountName`, accountName, account)}.blob.core.windows.net`;
  return {
    kind: 'identity',
    setting: prefix,
    blobServiceUri,
    credential: kind ? parse(`${prefix}__credential`, credential, kind) : 'default',
    clientId,
  };
}
