/**
 * The service's schema, one file per migration: migration N (`NNNN-what.ts`) brings user_version N-1 to N.
 * Never edit a released migration; add the next file and list it here. Times are epoch milliseconds.
 */
import m0001 from './0001-initial';
import m0002 from './0002-organisation';
import m0003 from './0003-password-links';
import m0004 from './0004-consent-lapse';
import m0005 from './0005-wire-json';
import m0006 from './0006-events-json';
import m0007 from './0007-integration-tokens';
import m0008 from './0008-webhooks';
import m0009 from './0009-audit-log';
import m0010 from './0010-request-facts';
import m0011 from './0011-report-indexes';
import m0012 from './0012-two-factor';
import m0013 from './0013-sso';
import m0014 from './0014-canned-messages';
import m0015 from './0015-wrap-up';
import m0016 from './0016-sms';
import m0017 from './0017-stream-tickets';

export const MIGRATIONS: readonly string[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
];
