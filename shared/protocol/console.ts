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
import { loginResponseSchema } from './api';

export {
  CONSOLE_COOKIE_NAME,
  CONSOLE_CSRF_HEADER,
  CONSOLE_PATH,
  CONSOLE_REFRESH_PATH,
  CONSOLE_SESSION_PATH,
  CONSOLE_SSO_RETURN_PATH,
} from './console-paths';

/** POST CONSOLE_SESSION_PATH: the refresh token of a sign-in the console's core just made. */
export const consoleKeepSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });
consoleKeepSchema.register(z.globalRegistry, {
  id: 'ConsoleKeep',
  description: 'The refresh token of a sign-in the web console just made, to keep in its cookie',
});
export type ConsoleKeep = z.infer<typeof consoleKeepSchema>;

/** POST CONSOLE_REFRESH_PATH's answer: a sign-in's tokens without the refresh token (it stays in the cookie). */
export const consoleRefreshResponseSchema = loginResponseSchema.omit({ refreshToken: true });
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
