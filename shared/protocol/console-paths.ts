/**
 * The web console's addresses and the names its cookie session uses (console.ts says what each is for):
 * apart from the schemas, so that the console page's bridge loads no zod.
 */

/** Where the service serves the console (the renderer's build, the console's Worker and bridge). */
export const CONSOLE_PATH = '/console';
/** The single sign-on return address under the console: the page's core finishes the sign-in there. */
export const CONSOLE_SSO_RETURN_PATH = `${CONSOLE_PATH}/sso-return`;
/** The console's kept sign-in: POST keeps a refresh token, DELETE forgets it. */
export const CONSOLE_SESSION_PATH = `${CONSOLE_PATH}/session`;
/** POST: a new access token from the cookie's refresh token (rotated; the cookie set again). */
export const CONSOLE_REFRESH_PATH = `${CONSOLE_SESSION_PATH}/refresh`;
/** The cookie holding the refresh token (HttpOnly, SameSite=Strict, Path=CONSOLE_SESSION_PATH). */
export const CONSOLE_COOKIE_NAME = 'sessiondesk_console';
/** Every request to the session routes carries this header with the value `1` (CSRF protection). */
export const CONSOLE_CSRF_HEADER = 'x-sessiondesk-console';
