/**
 * Words the store decides on but a component says: a toast's title, a dialog's message. The store runs
 * outside React and does not know the language on screen, so it keeps what to say (a message id and its
 * values, a coded error) and the component words it with its translator when it renders — in the
 * language shown at that moment, also after the agent switches languages.
 */
import { errorText, fieldText, type CodedError, type CodedFieldIssue } from '@shared/i18n/errors';
import type { MessageArgs, MessageId, Translator } from '@shared/i18n/translator';

export type Words = (t: Translator) => string;

/**
 * What a toast or a dialog says: words already in the language on screen (a component's, or the core's
 * notifications, which it words itself), or words to say when shown (the store's).
 */
export type Saying = string | Words;

export function say(t: Translator, saying: Saying): string {
  return typeof saying === 'string' ? saying : saying(t);
}

/** A catalogue message with its values. */
export function message<K extends MessageId>(id: K, ...values: MessageArgs<K>): Words {
  return (t) => t.t(id, ...values);
}

/** A refusal (a command's, the service's, a shared rule's): `error.<code>` in the reader's language. */
export function errorWords(error: CodedError): Words {
  return (t) => errorText(t, error);
}

/** A refusal shown where no field is marked (a toast): its first field's problem, else the refusal. */
export function refusalWords(error: CodedError & { readonly fields?: readonly CodedFieldIssue[] }): Words {
  return (t) => refusalText(t, error);
}

/** A command's refusal in one sentence: its first field's problem, else the refusal itself. */
export function refusalText(
  t: Translator,
  error: CodedError & { readonly fields?: readonly CodedFieldIssue[] },
): string {
  const field = error.fields?.[0];
  return field ? fieldText(t, field) : errorText(t, error);
}
