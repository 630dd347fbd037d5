/** The wrap-up rules of issue 19 (shared/domain/conversation.ts): what a close lacks, and who may rate. */
import { describe, expect, it } from 'vitest';
import { canRate, missingCloseFields } from '@shared/domain/conversation';
import { closeRequestSchema, ratingSchema } from '@shared/schemas/conversation-input';

describe('missingCloseFields', () => {
  it('finds nothing missing when the organisation does not require them', () => {
    expect(missingCloseFields({}, false)).toEqual([]);
  });

  it('asks for the outcome and a note with more than blanks when it does', () => {
    expect(missingCloseFields({}, true)).toEqual(['outcome', 'wrapUp']);
    expect(missingCloseFields({ outcome: 'resolved', wrapUp: ' \n ' }, true)).toEqual(['wrapUp']);
    expect(missingCloseFields({ wrapUp: 'Replaced the cable.' }, true)).toEqual(['outcome']);
    expect(missingCloseFields({ outcome: 'follow_up', wrapUp: 'Call back Monday.' }, true)).toEqual([]);
  });
});

describe('closeRequestSchema', () => {
  it('takes an empty body, one of the outcomes, and a note up to its limit', () => {
    expect(closeRequestSchema.safeParse({}).success).toBe(true);
    expect(closeRequestSchema.safeParse({ outcome: 'not_resolved', wrapUp: 'x'.repeat(4_000) }).success).toBe(
      true,
    );
    expect(closeRequestSchema.safeParse({ outcome: 'fixed' }).success).toBe(false);
    expect(closeRequestSchema.safeParse({ wrapUp: 'x'.repeat(4_001) }).success).toBe(false);
  });
});

describe('rating', () => {
  it('is taken once, after the request was closed, never on a deleted one', () => {
    expect(canRate('closed', false)).toBe(true);
    expect(canRate('closed', true)).toBe(false);
    expect(canRate('closed', false, true)).toBe(false);
    for (const status of ['open', 'waiting', 'ready', 'connected', 'expired'] as const)
      expect(canRate(status, false)).toBe(false);
  });

  it('is a whole number from 1 to 5, as a form sends it', () => {
    expect(ratingSchema.parse({ rating: '5', comment: '  Great  ' })).toEqual({
      rating: 5,
      comment: 'Great',
    });
    for (const rating of ['0', '6', '3.5', 'five', ''])
      expect(ratingSchema.safeParse({ rating }).success).toBe(false);
  });
});
