/**
 * The join URL of a collaborative session: `sessiondesk://join/<code>` opens the agent client on the
 * Join session dialog with the code filled in. The invitation e-mail, Copy join URL and Email join URL
 * all give this one form, which the client's deep-link parser reads.
 */
export const JOIN_URL_PREFIX = 'sessiondesk://join/';

export function joinUrl(sessionCode: string): string {
  return `${JOIN_URL_PREFIX}${sessionCode}`;
}

/**
 * A mailto: URI for the agent's e-mail program: subject and body with the join URL and the code, so
 * the agent can send it to a colleague by their own mail (or chat it on from there).
 */
export function joinMailto(input: {
  readonly sessionCode: string;
  readonly recipientName: string;
  readonly fromName: string;
}): string {
  const subject = `Join my Sessiondesk session with ${input.recipientName}`;
  const body = [
    `${input.fromName} invites you to help with the remote support session for ${input.recipientName}.`,
    '',
    `Open this link with Sessiondesk: ${joinUrl(input.sessionCode)}`,
    `or choose Join session in Sessiondesk and enter the code ${input.sessionCode}.`,
  ].join('\r\n');
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
