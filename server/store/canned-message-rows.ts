/** Rows of the canned messages (migration 14), as both dialects' stores return and take them. */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '@shared/domain/languages';
import type { CannedMessage } from '@shared/domain/conversation';

export interface CannedMessageRow extends CannedMessage {
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface RawCannedMessage {
  id: string;
  name: string;
  texts: string;
  created_at: number | string;
  updated_at: number | string;
}

/** What the `texts` column holds: the service wrote it, so anything else is a damaged row. */
const storedTexts = z.partialRecord(z.enum(EMAIL_LANGUAGES), z.string());

export function toCannedMessage(raw: RawCannedMessage): CannedMessageRow {
  return {
    id: raw.id,
    name: raw.name,
    texts: storedTexts.parse(JSON.parse(raw.texts)),
    createdAt: Number(raw.created_at),
    updatedAt: Number(raw.updated_at),
  };
}

/** The key names are unique by: the name in lower case as JavaScript folds it (every script, not ASCII alone). */
export function cannedNameKey(name: string): string {
  return name.toLowerCase();
}
