/**
 * What is posted to the organisation's gateway for one message. Twilio's Messages API: a form
 * (To, From or MessagingServiceSid, Body) posted to {baseUrl}/2010-04-01/Accounts/{sid}/Messages.json
 * with HTTP Basic auth (account SID and auth token). A generic gateway: the admin's body template with
 * `{{to}}` and `{{text}}` replaced, JSON-escaped for a JSON body, URL-encoded for a form, and the admin's
 * headers (an API key, say).
 */
import type { SmsGatewaySecrets, SmsGatewaySettings } from '../store/sms-rows';

export const TWILIO_BASE_URL = 'https://api.twilio.com';

export interface GatewayRequest {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Null when a secret the gateway needs is missing (or could not be opened). */
export function gatewayRequest(
  settings: SmsGatewaySettings,
  secrets: SmsGatewaySecrets,
  to: string,
  text: string,
): GatewayRequest | null {
  if (settings.kind === 'twilio') {
    if (!secrets.authToken) return null;
    const base = settings.baseUrl.replace(/\/+$/, '');
    const form = new URLSearchParams({ To: to, Body: text });
    if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
    else if (settings.from) form.set('From', settings.from);
    const credentials = Buffer.from(`${settings.accountSid}:${secrets.authToken}`).toString('base64');
    return {
      url: new URL(`${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`),
      headers: {
        authorization: `Basic ${credentials}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    };
  }
  const headers: Record<string, string> = { 'content-type': settings.contentType };
  for (const name of settings.headerNames) {
    const value = secrets.headers?.[name];
    if (value === undefined) return null;
    headers[name.toLowerCase()] = value;
  }
  const values: Record<string, string> = { to, text };
  const escape =
    settings.contentType === 'application/json'
      ? (value: string) => JSON.stringify(value).slice(1, -1)
      : (value: string) => encodeURIComponent(value);
  const body = settings.bodyTemplate.replace(/\{\{(to|text)\}\}/g, (_, key: string) => escape(values[key]!));
  return { url: new URL(settings.url), headers, body };
}
