/**
 * The SMS tab's form, as plain data: the gateway as saved turned into the fields an admin edits, and the
 * fields back into `organisation.setSmsGateway`'s input. Secrets are never shown: an empty secret field
 * keeps the one stored. The generic gateway's headers are edited as one header (an API key, typically);
 * the service takes up to ten, which the tab keeps as saved when only the first is shown. Pure, so tested
 * in Node.
 */
import type { CommandInput } from '@shared/ipc/contract';
import type { SmsGateway } from '@shared/protocol/sms';

export type SmsField =
  | 'accountSid'
  | 'authToken'
  | 'from'
  | 'messagingServiceSid'
  | 'baseUrl'
  | 'url'
  | 'contentType'
  | 'bodyTemplate'
  | 'headerName'
  | 'headerValue'
  | 'to';

export interface SmsForm {
  readonly kind: 'twilio' | 'http';
  readonly accountSid: string;
  /** Empty: keep the stored token. */
  readonly authToken: string;
  readonly from: string;
  readonly messagingServiceSid: string;
  readonly baseUrl: string;
  readonly url: string;
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly bodyTemplate: string;
  readonly headerName: string;
  /** Empty: keep the stored value of the header of that name. */
  readonly headerValue: string;
}

export const DEFAULT_JSON_TEMPLATE = '{"to": "{{to}}", "text": "{{text}}"}';

export function smsFormOf(gateway: SmsGateway | null): SmsForm {
  const blank: SmsForm = {
    kind: 'twilio',
    accountSid: '',
    authToken: '',
    from: '',
    messagingServiceSid: '',
    baseUrl: '',
    url: '',
    contentType: 'application/json',
    bodyTemplate: DEFAULT_JSON_TEMPLATE,
    headerName: '',
    headerValue: '',
  };
  if (!gateway) return blank;
  if (gateway.kind === 'twilio') {
    return {
      ...blank,
      accountSid: gateway.accountSid,
      from: gateway.from ?? '',
      messagingServiceSid: gateway.messagingServiceSid ?? '',
      baseUrl: gateway.baseUrl,
    };
  }
  return {
    ...blank,
    kind: 'http',
    url: gateway.url,
    contentType: gateway.contentType,
    bodyTemplate: gateway.bodyTemplate,
    headerName: gateway.headers[0]?.name ?? '',
  };
}

/** The form as the service's input; blank optional fields left out so the service's defaults apply. */
export function smsGatewayInput(
  form: SmsForm,
  saved: SmsGateway | null,
): CommandInput<'organisation.setSmsGateway'> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  if (form.kind === 'twilio') {
    return {
      kind: 'twilio',
      accountSid: form.accountSid.trim(),
      authToken: text(form.authToken),
      from: text(form.from) ?? null,
      messagingServiceSid: text(form.messagingServiceSid) ?? null,
      baseUrl: text(form.baseUrl),
    };
  }
  const first = text(form.headerName)
    ? [{ name: form.headerName.trim(), value: text(form.headerValue) }]
    : [];
  // Headers the tab does not show (set through the API) stay as saved, their values too.
  const others =
    saved?.kind === 'http' ? saved.headers.slice(1).map((header) => ({ name: header.name })) : [];
  return {
    kind: 'http',
    url: form.url.trim(),
    contentType: form.contentType,
    bodyTemplate: form.bodyTemplate,
    headers: [...first, ...others],
  };
}

/** The field that shows a refusal's issue at `path` ("headers.0.value" → headerValue). */
export function smsFieldOf(path: string): SmsField | null {
  const [head, index, part] = path.split('.');
  switch (head) {
    case 'accountSid':
    case 'authToken':
    case 'from':
    case 'messagingServiceSid':
    case 'baseUrl':
    case 'url':
    case 'contentType':
    case 'bodyTemplate':
    case 'to':
      return head;
    case 'headers':
      if (index === undefined || index === '0') return part === 'name' ? 'headerName' : 'headerValue';
      return null;
    default:
      return null;
  }
}
