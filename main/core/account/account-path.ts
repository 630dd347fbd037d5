/** Where the stored account is (account-file.ts), apart from its schema so that reading it early loads no zod. */
import { join } from 'node:path';

export const accountFilePath = (dataDir: string): string => join(dataDir, 'account.json');
