/**
 * The English an agent must not see in a translated client: the literal words of the English catalogue's
 * messages in the agent client's areas (not the end user's page, its e-mails or the set-password page),
 * split at their placeholders, plurals and selects by the ICU parser, and only the longer fragments (three
 * words, or 15 characters), which no translation has by chance. Fragments a language's own message for the
 * same id keeps as they are (product names, PIN, an example address) are not English to that language.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { areas, readCatalog, SOURCE_LANGUAGE } from '../../scripts/i18n/catalog-files';

/** Areas the end user reads (the service renders them), not the agent. */
const END_USER_AREAS: ReadonlySet<string> = new Set(['joinPage', 'mail', 'setPassword']);

const MIN_WORDS = 3;
const MIN_CHARACTERS = 15;

export interface EnglishPhrase {
  /** The literal words, whitespace collapsed. */
  readonly text: string;
  /** The message it comes from, to say where a leak comes from. */
  readonly id: string;
}

/** Spaces, line breaks and non-breaking spaces as one space; case folded (CSS may upper-case a label). */
export function normalise(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en');
}

/** The literal runs of a message: the text between its placeholders, in every plural and select branch. */
export function literalFragments(message: string): string[] {
  const fragments: string[] = [];
  let run = '';
  const flush = () => {
    if (run.trim() !== '') fragments.push(run.replace(/\s+/gu, ' ').trim());
    run = '';
  };
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal) {
        run += element.value;
        continue;
      }
      flush();
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) {
          walk(option.value);
          flush();
        }
      } else if (element.type === TYPE.tag) {
        walk(element.children);
        flush();
      }
    }
  };
  walk(parse(message));
  flush();
  return fragments;
}

function isLong(fragment: string): boolean {
  const words = fragment.split(' ').filter((word) => /\p{L}/u.test(word));
  return words.length >= MIN_WORDS || fragment.length >= MIN_CHARACTERS;
}

function agentAreas(language: string): string[] {
  return areas(language).filter((area) => !END_USER_AREAS.has(area));
}

function messagesOf(language: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const area of agentAreas(language)) {
    for (const [id, message] of Object.entries(readCatalog(language, area).messages)) {
      messages.set(id, message);
    }
  }
  return messages;
}

/**
 * The English catalogue's longer phrases that `language` does not keep in its own message for the same
 * id. A message the language lacks is English on its screens (the translator falls back): all its
 * phrases stay on the list.
 */
export function englishPhrases(language: string): EnglishPhrase[] {
  const translated = messagesOf(language);
  const phrases = new Map<string, EnglishPhrase>();
  for (const [id, message] of messagesOf(SOURCE_LANGUAGE)) {
    const own = translated.get(id);
    const kept = own === undefined ? [] : literalFragments(own).map(normalise);
    for (const fragment of literalFragments(message)) {
      if (!isLong(fragment)) continue;
      const text = normalise(fragment);
      if (kept.some((ownFragment) => ownFragment.includes(text))) continue;
      if (!phrases.has(text)) phrases.set(text, { text, id });
    }
  }
  return [...phrases.values()];
}

/**
 * The phrases found in a screen's visible text, each with the message it comes from; one found inside
 * another found phrase is not listed again (the longer names the message better).
 */
export function englishIn(visibleText: string, phrases: readonly EnglishPhrase[]): EnglishPhrase[] {
  const text = normalise(visibleText);
  const found = phrases.filter((phrase) => text.includes(phrase.text));
  return found.filter(
    (phrase) => !found.some((other) => other !== phrase && other.text.includes(phrase.text)),
  );
}
