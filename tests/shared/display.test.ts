import { describe, expect, it } from 'vitest';
import { ownershipAfterLeave } from '@shared/domain/collaboration';
import { displayState, splitDuration } from '@shared/domain/display';
import { firstSpokenLanguage, matchLanguage, pickLanguageFromAcceptLanguage } from '@shared/domain/languages';
import { agentsOnRequest, type Participant } from '@shared/domain/session-request';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('displayState', () => {
  const base = {
    status: 'waiting' as const,
    consent: 'pending' as const,
    assigneeId: 'alice',
    expiresAt: iso(NOW + 90 * 60_000),
    scheduledAt: null,
  };

  it('shows Denied beside Waiting only after a Deny', () => {
    expect(displayState(base, NOW).denied).toBe(false);
    expect(displayState({ ...base, consent: 'denied' }, NOW).denied).toBe(true);
  });

  it('shows In queue for an unassigned request that is still live', () => {
    expect(displayState({ ...base, assigneeId: null }, NOW).inQueue).toBe(true);
    expect(displayState(base, NOW).inQueue).toBe(false);
    expect(displayState({ ...base, assigneeId: null, status: 'closed' }, NOW).inQueue).toBe(false);
  });

  it('gives the time left, none once past', () => {
    expect(displayState(base, NOW).timeLeft).toEqual({ totalMs: 5_400_000, days: 0, hours: 1, minutes: 30 });
    expect(displayState({ ...base, expiresAt: iso(NOW - 1) }, NOW).timeLeft?.totalMs).toBe(0);
    expect(displayState({ ...base, status: 'expired' }, NOW).timeLeft).toBeNull();
  });

  it('puts closed and expired requests in Past, future schedules in Upcoming', () => {
    expect(displayState({ ...base, status: 'expired' }, NOW).past).toBe(true);
    expect(displayState({ ...base, scheduledAt: iso(NOW + 1) }, NOW).upcoming).toBe(true);
    expect(displayState({ ...base, scheduledAt: iso(NOW) }, NOW).upcoming).toBe(false);
    expect(displayState({ ...base, scheduledAt: iso(NOW + 1), status: 'closed' }, NOW).upcoming).toBe(false);
  });

  it('rounds durations up to the minute', () => {
    expect(splitDuration(1)).toEqual({ totalMs: 1, days: 0, hours: 0, minutes: 1 });
    expect(splitDuration(2 * 86_400_000 + 3 * 3_600_000)).toMatchObject({ days: 2, hours: 3, minutes: 0 });
    expect(splitDuration(-5)).toEqual({ totalMs: 0, days: 0, hours: 0, minutes: 0 });
  });
});

describe('languages', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['es_419', 'es'],
    ['DE', 'de'],
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['it', null],
  ])('%s → %s', (tag, expected) => {
    expect(matchLanguage(tag)).toBe(expected);
  });

  it('takes the first of an OS or browser list the product speaks', () => {
    expect(firstSpokenLanguage(['ja-JP', 'de-AT', 'en'])).toBe('de');
    expect(firstSpokenLanguage(['zh-TW', 'en'])).toBe('zh-Hant');
    expect(firstSpokenLanguage(['ja', 'ko'])).toBeNull();
    expect(firstSpokenLanguage([])).toBeNull();
  });

  it('honours Accept-Language weights and skips unsupported languages', () => {
    expect(pickLanguageFromAcceptLanguage('it-IT,it;q=0.9,fr;q=0.8,en;q=0.7')).toBe('fr');
    expect(pickLanguageFromAcceptLanguage('en;q=0.5, de;q=0.9')).toBe('de');
    expect(pickLanguageFromAcceptLanguage('zh-HK, en')).toBe('zh-Hant');
    expect(pickLanguageFromAcceptLanguage('*, it')).toBeNull();
    expect(pickLanguageFromAcceptLanguage('de;q=0, es')).toBe('es');
    expect(pickLanguageFromAcceptLanguage(undefined)).toBeNull();
  });
});

describe('ownership after a leave', () => {
  const p = (agentId: string, since: string): Participant => ({
    agentId,
    via: 'invited',
    since,
  });
  const owned = {
    assigneeId: 'alice',
    participants: [p('dan', '2026-11-22T12:05:00Z'), p('bob', '2026-11-22T12:01:00Z')],
  };

  it('passes ownership to the longest-standing participant when the owner leaves', () => {
    expect(ownershipAfterLeave(owned, 'alice')).toEqual({
      assigneeId: 'bob',
      participants: [p('dan', '2026-11-22T12:05:00Z')],
    });
  });

  it('keeps the owner when a participant leaves', () => {
    expect(ownershipAfterLeave(owned, 'dan')).toEqual({
      assigneeId: 'alice',
      participants: [p('bob', '2026-11-22T12:01:00Z')],
    });
  });

  it('puts the request back in the queue when the last agent leaves', () => {
    expect(ownershipAfterLeave({ assigneeId: 'alice', participants: [] }, 'alice')).toEqual({
      assigneeId: null,
      participants: [],
    });
  });

  it('lists the assignee first among the agents on a request', () => {
    expect(agentsOnRequest(owned)).toEqual(['alice', 'dan', 'bob']);
    expect(agentsOnRequest({ assigneeId: null, participants: owned.participants })).toEqual(['dan', 'bob']);
  });
});
