/** The Organisation tab's form: only what changed is sent, checked by the schema the service applies. */
import { describe, expect, it } from 'vitest';
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
  auditRetentionDays: 365,
  requireTwoFactor: false,
  requireCloseOutcome: false,
  satisfactionEmail: false,
  updatedAt: '2026-12-01T10:00:00.000Z',
});

describe('buildOrganisationChanges', () => {
  it('sends nothing when nothing changed (spaces around text do not count)', () => {
    expect(buildOrganisationChanges(en, { ...saved, name: ' Northwind IT ' }, saved)).toEqual({
      ok: true,
      input: null,
    });
  });

  it('sends only the changed fields, as the schema outputs them', () => {
    const built = buildOrganisationChanges(
      en,
      { ...saved, remoteIdRequired: false, remoteAppInstructions: 'Step 1\r\nStep 2  ' },
      saved,
    );
    expect(built).toEqual({
      ok: true,
      input: { remoteIdRequired: false, remoteAppInstructions: 'Step 1\nStep 2' },
    });
  });

  it('sends the wrap-up settings of issue 19 when they change', () => {
    expect(
      buildOrganisationChanges(en, { ...saved, requireCloseOutcome: true, satisfactionEmail: true }, saved),
    ).toEqual({ ok: true, input: { requireCloseOutcome: true, satisfactionEmail: true } });
  });

  it('puts the schema’s messages beside the fields', () => {
    const built = buildOrganisationChanges(
      en,
      { ...saved, name: '', remoteAppUrl: 'ftp://example.com', remoteAppInstructions: 'x'.repeat(2_001) },
      saved,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.name).toBe('Fill in this field.');
    expect(built.errors.remoteAppUrl).toMatch(/http:\/\/ or https:\/\//);
    expect(built.errors.remoteAppInstructions).toBe('Too long: at most 2,000 characters.');
  });
});

describe('the grace after a session', () => {
  it('is typed as minutes and sent as a number; 0 ends the permission with the session', () => {
    expect(saved.consentGraceMinutes).toBe('10');
    expect(buildOrganisationChanges(en, { ...saved, consentGraceMinutes: ' 10 ' }, saved)).toEqual({
      ok: true,
      input: null,
    });
    expect(buildOrganisationChanges(en, { ...saved, consentGraceMinutes: '0' }, saved)).toEqual({
      ok: true,
      input: { consentGraceMinutes: 0 },
    });
  });

  it.each([
    ['', 'Enter a number.'],
    ['ten', 'Enter a number.'],
    ['2.5', 'Enter a whole number.'],
    ['1441', 'At most 1 day.'],
  ])('refuses “%s” beside the field', (typed, message) => {
    const built = buildOrganisationChanges(en, { ...saved, consentGraceMinutes: typed }, saved);
    expect(built).toEqual({ ok: false, errors: { consentGraceMinutes: message } });
  });
});

describe('the audit log’s retention', () => {
  it('is typed as days and sent as a number, only when it changed', () => {
    expect(saved.auditRetentionDays).toBe('365');
    expect(buildOrganisationChanges(en, { ...saved, auditRetentionDays: ' 365 ' }, saved)).toEqual({
      ok: true,
      input: null,
    });
    expect(buildOrganisationChanges(en, { ...saved, auditRetentionDays: '90' }, saved)).toEqual({
      ok: true,
      input: { auditRetentionDays: 90 },
    });
  });

  it.each([
    ['', 'Enter a number.'],
    ['0', 'Too small: at least 1.'],
    ['3651', 'Too large: at most 3,650.'],
    ['7.5', 'Enter a whole number.'],
  ])('refuses “%s” beside the field', (typed, message) => {
    const built = buildOrganisationChanges(en, { ...saved, auditRetentionDays: typed }, saved);
    expect(built).toEqual({ ok: false, errors: { auditRetentionDays: message } });
  });
});

describe('organisationRefusal', () => {
  it('shows a refusal by field when it names one, else above the buttons', () => {
    expect(
      organisationRefusal(en, {
        code: 'invalid_input',
        message: 'x',
        fields: [{ field: 'name', code: 'too_long', params: { max: 120 }, message: 'Too long.' }],
      }),
    ).toEqual({ name: 'Too long: at most 120 characters.' });
    expect(
      organisationRefusal(en, { code: 'admin_required', message: 'Only administrators can manage agents.' }),
    ).toEqual({ form: 'Only administrators can manage agents, channels and settings.' });
  });
});
