/**
 * Migration 4: consent lasts one session, and the join page follows the language chosen for a request.
 * Released: never edit it; add the next migration.
 */
export default `
  -- How long an end user's Allow access lasts after the last agent disconnects; 0: it ends with the session.
  ALTER TABLE organisation ADD COLUMN consent_grace_minutes INTEGER NOT NULL DEFAULT 10
    CHECK (consent_grace_minutes BETWEEN 0 AND 1440);

  -- When a Ready request's permission lapses (set by the last disconnect); NULL otherwise.
  ALTER TABLE requests ADD COLUMN consent_lapses_at INTEGER;
  CREATE INDEX requests_consent_lapses ON requests (consent_lapses_at)
    WHERE consent_lapses_at IS NOT NULL AND status = 'ready';

  -- Whether the request's creator chose its language (email_language); when not, the join page follows
  -- the browser. Earlier requests followed it only when an invitation was sent: they keep doing so.
  ALTER TABLE requests ADD COLUMN language_chosen INTEGER NOT NULL DEFAULT 0
    CHECK (language_chosen IN (0, 1));
  UPDATE requests SET language_chosen = send_invitation;
  `;
