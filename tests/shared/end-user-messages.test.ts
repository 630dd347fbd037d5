/**
 * The end user's words where a number or a condition chooses the sentence (the join page's catalogue
 * messages that were functions with conditions before they were ICU): each branch, in a language whose
 * plural rules differ from English's (French counts 0 as singular; Chinese has one form).
 */
import { describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';

describe('how long the permission lasts after a session', () => {
  it('ends with the session, one minute after it, or minutes after it', () => {
    const en = translator('en');
    expect(en.t('joinPage.oneSession', { minutes: 0 })).toBe(
      'Your permission is for one session: it ends when the session ends.',
    );
    expect(en.t('joinPage.oneSession', { minutes: 1 })).toBe(
      'Your permission is for one session: it ends 1 minute after the session ends.',
    );
    expect(en.t('joinPage.oneSession', { minutes: 15 })).toBe(
      'Your permission is for one session: it ends 15 minutes after the session ends.',
    );
  });

  it('says "with the session" for a grace of 0 in French, where 0 is singular', () => {
    // French puts a no-break space before a colon.
    const fr = translator('fr');
    expect(fr.t('joinPage.oneSession', { minutes: 0 })).toBe(
      'Votre autorisation vaut pour une seule session\u00a0: elle prend fin avec la session.',
    );
    expect(fr.t('joinPage.oneSession', { minutes: 1 })).toBe(
      'Votre autorisation vaut pour une seule session\u00a0: elle prend fin 1 minute après la fin de la session.',
    );
  });

  it('has one form for any number of minutes in Chinese, and its own sentence for 0', () => {
    const zh = translator('zh-Hans');
    expect(zh.t('joinPage.oneSession', { minutes: 0 })).toBe('您的许可仅限一次会话：会话结束时即失效。');
    expect(zh.t('joinPage.oneSession', { minutes: 1 })).toBe(
      '您的许可仅限一次会话：会话结束 1 分钟后即失效。',
    );
  });
});

describe('waits in seconds and hours', () => {
  it('counts one second in the singular', () => {
    expect(translator('en').t('joinPage.tooManyAttempts', { seconds: 1 })).toBe(
      'Too many attempts. Wait 1 second and try again.',
    );
    expect(translator('de').t('joinPage.tooManyAttempts', { seconds: 30 })).toBe(
      'Zu viele Versuche. Warten Sie 30 Sekunden und versuchen Sie es dann erneut.',
    );
    expect(translator('en').t('joinPage.liveRefreshes', { seconds: 10 })).toBe(
      'This page refreshes every 10 seconds.',
    );
  });

  it('gives a set-password link’s lifetime in hours', () => {
    expect(translator('es').t('setPassword.page.expired', { hours: 72 })).toContain('72 horas');
    expect(translator('es').t('setPassword.page.expired', { hours: 1 })).toContain('1 hora.');
  });
});
