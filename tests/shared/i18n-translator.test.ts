// The translator every process shares: ICU plurals and placeholders, Intl formatting in the language,
// English where a catalogue lacks a message, and a pseudo-locale that keeps the ICU structure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, PSEUDO_LANGUAGE, translator } from '@shared/i18n/translator';
import { pseudoMessage } from '@shared/i18n/pseudo';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

describe('translator', () => {
  it('speaks one language per catalogue folder, English first', () => {
    const folders = readdirSync(join(import.meta.dirname, '../../shared/i18n/catalogs')).sort();
    expect([...LANGUAGES].sort()).toEqual(folders);
    expect(LANGUAGES[0]).toBe('en');
  });

  it('formats ICU plurals and placeholders', () => {
    const t = translator('en');
    expect(t.t('picker.inviteIntro', { name: 'Ana', room: 1 })).toBe(
      'Invite technicians to help with Ana. One more agent fits on this request.',
    );
    expect(t.t('picker.inviteIntro', { name: 'Ana', room: 3 })).toContain('3 more agents fit');
  });

  it('formats numbers, dates, relative times and lists in the language', () => {
    const at = Date.UTC(2026, 11, 6, 15, 5);
    expect(translator('en').formatNumber(12345)).toBe('12,345');
    expect(translator('de').formatNumber(12345)).toBe('12.345');
    expect(translator('de').formatTime(at, { timeZone: 'UTC' })).toBe('15:05');
    expect(translator('en').formatTime(at, { timeZone: 'UTC' })).toBe('3:05 PM');
    expect(translator('es').formatRelativeTime(5, 'minute')).toBe('dentro de 5 minutos');
    expect(translator('fr').formatList(['A', 'B', 'C'])).toBe('A, B et C');
    expect(translator('zh-Hans').formatList(['甲', '乙', '丙'])).toBe('甲、乙和丙');
  });

  it('names each language in its own words', () => {
    expect(LANGUAGES.map((l) => translator(l).t('language.name'))).toEqual(
      expect.arrayContaining(['English', 'Español', 'Deutsch', '繁體中文', '简体中文']),
    );
  });

  it('is made once per language', () => {
    expect(translator('fr')).toBe(translator('fr'));
  });
});

describe('pseudo-locale', () => {
  it('accents letters, pads by 40% and brackets, keeping placeholders and plural structure', () => {
    const printed = printAST(pseudoMessage('{n, plural, one {# agent for {name}} other {# agents}}'));
    expect(printed).toMatch(/^\[\{n,plural,one\{# áĝéñţ ƒöŕ \{name\}\} other\{# áĝéñţš\}\} ·+\]$/);
    const t = translator(PSEUDO_LANGUAGE);
    const text = t.t('picker.inviteIntro', { name: 'Ana', room: 2 });
    expect(text.startsWith('[Îñṽîţé ţéçĥñîçîáñš')).toBe(true);
    expect(text).toContain('Ana');
    expect(text).toContain('2');
    expect(text.length).toBeGreaterThan(
      translator('en').t('picker.inviteIntro', { name: 'Ana', room: 2 }).length * 1.3,
    );
  });
});
