/** The Organisation tab's form: only what changed is sent, checked by the schema the service applies. */
import { describe, expect, it } from 'vitest';
import { errorText } from '../../shared/i18n/errors';
import { translator } from '../../shared/i18n/translator';
import {
  buildOrganisationChanges,
  organisationFormOf,
  organisationRefusal,
} from '../../renderer/src/admin/organisation-form';

const en = translator('en');

const saved = organisationFormOf({
  name: 'Northwind IT',
  remoteAppName: 'RustDesk',
  remoteAppUrl: 'https://rustdesk.com/download',
  remoteIdRequired: true,
  remoteAppInstructions: '',
  consentGraceMinutes: 10,
  updatedAt: '2026-12-01T10:00:00.000Z',
});

describe('buildOrganisationChanges', () => {
  it('sends nothing when nothing changed (spaces around text do not count)', () => {
    expect(buildOrganisationChanges({ ...saved, name: ' Northwind IT ' }, saved)).toEqual({
      ok: true,
      input: null,
    });
  });

  it('sends only the changed fields, as the schema outputs them', () => {
    const built = buildOrganisationChanges(
      { ...saved, remoteIdRequired: false, remoteAppInstructions: 'Step 1\r\nStep 2  ' },
      saved,
    );
    expect(built).toEqual({
      ok: true,
      input: { remoteIdRequired: false, remoteAppInstructions: 'Step 1\nStep 2' },
    });
  });

  it('puts the schema’s messages beside the fields', () => {
    const built = buildOrganisationChanges(
      { ...saved, name: '', remoteAppUrl: 'ftp://example.com', remoteAppInstructions: 'x'.repeat(2_001) },
      saved,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.name).toBe('Enter the organisation’s name.');
    expect(built.errors.remoteAppUrl).toMatch(/http:\/\/ or https:\/\//);
    expect(built.errors.remoteAppInstructions).toBe('The instructions have at most 2000 characters.');
  });
});

describe('the grace after a session', () => {
  it('is typed as minutes and sent as a number; 0 ends the permission with the session', () => {
    expect(saved.consentGraceMinutes).toBe('10');
    expect(buildOrganisationChanges({ ...saved, consentGraceMinutes: ' 10 ' }, saved)).toEqual({
      ok: true,
      input: null,
    });
    expect(buildOrganisationChanges({ ...saved, consentGraceMinutes: '0' }, saved)).toEqual({
      ok: true,
      input: { consentGraceMinutes: 0 },
    });
  });

  it.each([
    ['', 'The grace after a session is a number of minutes.'],
    ['ten', 'The grace after a session is a number of minutes.'],
    ['2.5', 'The grace after a session is a whole number of minutes.'],
    ['1441', 'The grace after a session is at most 1440 minutes (a day).'],
  ])('refuses “%s” beside the field', (typed, message) => {
    const built = buildOrganisationChanges({ ...saved, consentGraceMinutes: typed }, saved);
    expect(built).toEqual({ ok: false, errors: { consentGraceMinutes: message } });
  });
});

describe('organisationRefusal', () => {
  it('shows a refusal by field when it names one, else above the buttons in the reader’s words', () => {
    expect(
      organisationRefusal(en, {
        code: 'invalid_input',
        message: 'x',
        fields: [{ field: 'name', message: 'Too long.' }],
      }),
    ).toEqual({ name: 'Too long.' });
    const forbidden = { code: 'forbidden', message: 'Only administrators can manage agents.' };
    expect(organisationRefusal(en, forbidden)).toEqual({ form: errorText(en, forbidden) });
    // A code this client has no words for (a newer service's) shows the service's own message.
    expect(organisationRefusal(en, { code: 'not_yet_known', message: 'Something new.' })).toEqual({
      form: 'Something new.',
    });
  });
});
