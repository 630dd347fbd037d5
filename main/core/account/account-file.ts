/**
 * Which account this client is signed in to, without its secrets: the service's address and the agent,
 * in `<dataDir>/account.json`. It lets the client open the right cache at start, offline too. Tokens are
 * kept apart, in the host's SecretStore.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { accountFilePath } from './account-path';

const storedAccountSchema = z.object({
  serverUrl: z.string().min(1),
  agentId: z.string().min(1),
  email: z.string(),
  /** Signed in through single sign-on: signing out also ends the provider's sign-in. */
  viaSso: z.boolean().optional(),
});
export type StoredAccount = z.output<typeof storedAccountSchema>;

export class AccountFile {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = accountFilePath(dataDir);
  }

  read(): StoredAccount | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = storedAccountSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  write(account: StoredAccount): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(account, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
