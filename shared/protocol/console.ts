/**
 * The web console (issue 20): the agent client served by the service at /console, its core in a Worker
 * of the page. What the service and that Worker agree on: where the console lives, how its sign-in is
 * kept between page loads, and how a browser's WebSocket, which cannot send an Authorization header,
 * opens the change stream.
 *
 * The sign-in is kept as the desktop keeps it — a rotating refresh token — but in an `HttpOnly` cookie
 * the service sets (`SameSite=Strict`, `Secure` where the service is reached over TLS, scoped to
 * CONSOLE_SESSION_PATH), never in storage a page script can read. The access token lives in the
 * Worker's memory only. The cookie's routes change state, so each also requires the CSRF header below
 * and a same-origin `Origin`: a cross-site page can neither send that header without a CORS preflight
 * the service never grants, nor name our origin.
 */
import { z } from 'zod';
import { agentSchema } from './api';

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

/** POST CONSOLE_SESSION_PATH: the refresh token of a sign-in the console's core just made. */
export const consoleKeepSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });
consoleKeepSchema.register(z.globalRegistry, {
  id: 'ConsoleKeep',
  description: 'The refresh token of a sign-in the web console just made, to keep in its cookie',
});
export type ConsoleKeep = z.infer<typeof consoleKeepSchema>;

/** POST CONSOLE_REFRESH_PATH's answer: a sign-in's tokens without the refresh token (it stays in the cookie). */
export const consoleRefreshResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  agent: agentSchema,
});
consoleRefreshResponseSchema.register(z.globalRegistry, {
  id: 'ConsoleRefreshResponse',
  description: "A new access token for the web console; the new refresh token is in the console's cookie",
});
export type ConsoleRefreshResponse = z.infer<typeof consoleRefreshResponseSchema>;

/**
 * POST /api/v1/stream/tickets (Bearer): a one-use ticket to open /api/v1/stream?since=…&ticket=… from a
 * browser. It names the signed-in agent, expires after `expiresIn` seconds and works once; a stream
 * opened with it is the agent's as with the header.
 */
export const STREAM_TICKET_PATH = '/stream/tickets';
export const streamTicketSchema = z.object({
  ticket: z.string(),
  expiresIn: z.number().int(),
});
streamTicketSchema.register(z.globalRegistry, {
  id: 'StreamTicket',
  description: 'A one-use ticket for opening the change stream from a browser, which cannot send headers',
});
export type StreamTicket = z.infer<typeof streamTicketSchema>;
