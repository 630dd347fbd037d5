/**
 * Which account this client is signed in to, without its secrets: the service's address and the agent,
 * kept as the `account` document (`<dataDir>/account.json` on the desktop). It lets the client open the
 * right cache at start, offline too. Tokens are kept apart, in the platform's token vault.
 */
import { z } from 'zod';
import type { DocumentStore } from '../platform/documents';

const storedAccountSchema = z.object({
  serverUrl: z.string().min(1),
  agentId: z.string().min(1),
  email: z.string(),
  /** Signed in through single sign-on: signing out also ends the provider's sign-in. */
  viaSso: z.boolean().optional(),
});
export type StoredAccount = z.output<typeof storedAccountSchema>;

export class AccountFile {
  constructor(private readonly documents: DocumentStore) {}

  read(): StoredAccount | null {
    let text: string | null;
    try {
      text = this.documents.read('account');
    } catch {
      return null;
    }
    if (text === null) return null;
    try {
      const parsed = storedAccountSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  write(account: StoredAccount): void {
    this.documents.write('account', JSON.stringify(account, null, 2));
  }

  clear(): void {
    this.documents.remove('account');
  }
}
