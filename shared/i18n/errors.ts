/**
 * Errors in the reader's language. The service and the core say what went wrong with a stable code and
 * its parameters (`{code: 'too_long', params: {max: 80}}`) beside an English `message` for API users and
 * logs; a client words it from its catalogue: `error.<code>` for a refusal, `field.<code>` for a field at
 * fault. A code this client does not know (a newer service), or one without the values its sentence
 * needs, falls back to the English message.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS } from './generated/catalogs';
import { SOURCE_LANGUAGE, type MessageId, type Translator } from './translator';

export type ErrorParams = Readonly<Record<string, string | number>>;

export interface CodedError {
  readonly code: string;
  readonly message: string;
  readonly params?: ErrorParams;
}

export interface CodedFieldIssue {
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly params?: ErrorParams;
}

const valuesNeeded = new Map<string, readonly string[]>();

/** The values the source message of `id` takes, every branch's (a message reads them all, by type). */
function neededValues(id: MessageId): readonly string[] {
  let names = valuesNeeded.get(id);
  if (!names) {
    const found = new Set<string>();
    const walk = (elements: readonly MessageFormatElement[]) => {
      for (const element of elements) {
        if (element.type === TYPE.literal || element.type === TYPE.pound || element.type === TYPE.tag)
          continue;
        found.add(element.value);
        if (element.type === TYPE.plural || element.type === TYPE.select) {
          for (const option of Object.values(element.options)) walk(option.value);
        }
      }
    };
    walk(parse(CATALOGS[SOURCE_LANGUAGE][id] ?? ''));
    names = [...found];
    valuesNeeded.set(id, names);
  }
  return names;
}

function say(t: Translator, id: string, params: ErrorParams | undefined, fallback: string): string {
  if (!t.has(id)) return fallback;
  // A refusal said without the values its sentence needs (recorded by an older version, or a newer
  // service's) keeps its English rather than showing a sentence with holes.
  if (neededValues(id).some((name) => params?.[name] === undefined)) return fallback;
  return (t.t as (id: MessageId, values?: ErrorParams) => string)(id, params ?? {});
}

/** A refusal's sentence: `error.<code>` in the reader's language. */
export function errorText(t: Translator, error: CodedError): string {
  return say(t, `error.${error.code}`, error.params, error.message);
}

/** A field's problem, shown beside it: `field.<code>` in the reader's language. */
export function fieldText(t: Translator, issue: CodedFieldIssue): string {
  return say(t, `field.${issue.code}`, issue.params, issue.message);
}
