/** Phone numbers and SMS segments (shared/domain/sms.ts), and the phone field of a new request. */
import { describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone, smsLength } from '@shared/domain/sms';
import { createRequestSchema } from '@shared/schemas/request-input';
import { validate } from '@shared/schemas/validation';

describe('phone numbers', () => {
  it('normalises what people type to E.164', () => {
    expect(normalisePhone('+41 79 123 45 67')).toBe('+41791234567');
    expect(normalisePhone('(+1) 555-010-0199')).toBe('+15550100199');
    expect(normalisePhone('0044 20.7946.0958')).toBe('+442079460958');
    expect(normalisePhone(' +86 138 0013 8000 ')).toBe('+8613800138000');
  });

  it('refuses what is not an international number', () => {
    for (const bad of [
      '079 123 45 67',
      '+1234567',
      '+1234567890123456',
      '+0123456789',
      'call me',
      '+41 79 abc',
      '',
    ])
      expect(normalisePhone(bad), bad).toBeNull();
  });

  it('masks all but the last digits', () => {
    expect(maskPhone('+41791234567')).toBe('+••••••••567');
    expect(maskPhone('+41791234567')).not.toContain('4179');
  });

  it('is a field of a new request, refused with its own code', () => {
    const ok = createRequestSchema.parse({ recipientName: 'Dana', recipientPhone: '+41 79 123 45 67' });
    expect(ok.recipientPhone).toBe('+41791234567');
    expect(createRequestSchema.parse({ recipientName: 'Dana' }).recipientPhone).toBeNull();
    expect(
      createRequestSchema.parse({ recipientName: 'Dana', recipientPhone: '' }).recipientPhone,
    ).toBeNull();
    const refused = validate(createRequestSchema, { recipientName: 'Dana', recipientPhone: '12' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.issues.map((i) => [i.field, i.code])).toEqual([['recipientPhone', 'invalid_phone']]);
    expect(refused.issues[0]!.message).toMatch(/international/);
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 septets: 160 in one segment, 153 per part beyond', () => {
    expect(smsLength('')).toEqual({ encoding: 'gsm7', units: 0, segments: 0 });
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension table (€, braces, brackets) as two septets, and accented Latin of GSM as one', () => {
    expect(smsLength('€').units).toBe(2);
    expect(smsLength('{[]}').units).toBe(8);
    expect(smsLength('Ñandù é à ü').encoding).toBe('gsm7');
    expect(smsLength('€'.repeat(80)).segments).toBe(1);
    expect(smsLength('€'.repeat(81)).segments).toBe(2);
  });

  it('sends anything else as UCS-2: 70 units in one segment, 67 per part beyond', () => {
    expect(smsLength('远程支持')).toEqual({ encoding: 'ucs2', units: 4, segments: 1 });
    expect(smsLength('支'.repeat(70)).segments).toBe(1);
    expect(smsLength('支'.repeat(71)).segments).toBe(2);
    expect(smsLength('支'.repeat(134)).segments).toBe(2);
    expect(smsLength('支'.repeat(135)).segments).toBe(3);
    // One character outside GSM makes the whole text UCS-2; "ç" (lower case) is not in GSM-7.
    expect(smsLength(`${'a'.repeat(100)}ç`)).toEqual({ encoding: 'ucs2', units: 101, segments: 2 });
    // An emoji is two UTF-16 units.
    expect(smsLength('👍').units).toBe(2);
  });
});
