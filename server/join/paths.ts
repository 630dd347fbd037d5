/**
 * Where the end user's pages and forms are, from the site root. A page shown again after an error sits
 * at the form's address (/j/<token>/allow), so a relative address would point somewhere else.
 */
export function joinPaths(token: string) {
  const page = `/j/${token}`;
  return {
    page,
    allow: `${page}/allow`,
    deny: `${page}/deny`,
    end: `${page}/end`,
    live: `${page}/live`,
    /** The chat (issue 19): the end user's message. */
    messages: `${page}/messages`,
  } as const;
}

export const PIN_PATH = '/pin';

/** Link tokens are 32 base64url characters; anything else cannot be one. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
