/**
 * One attempt to post a message to the gateway, through the webhooks' SSRF guard and poster: the address
 * is checked (private ones only with --webhooks-allow-private) and the connection made to the checked
 * address, no redirect followed, at most `timeoutMs`.
 */
import { AddressRefusedError, checkedAddress } from '../webhooks/address-guard';
import { postWebhook, type PostResult } from '../webhooks/post-webhook';
import type { GatewayRequest } from './gateway-request';

export async function sendSms(
  request: GatewayRequest,
  allowPrivate: boolean,
  timeoutMs: number,
): Promise<PostResult> {
  let address;
  try {
    address = await checkedAddress(request.url, allowPrivate);
  } catch (error) {
    if (error instanceof AddressRefusedError)
      return { statusCode: null, error: error.message, durationMs: 0 };
    throw error;
  }
  return postWebhook(
    request.url,
    address,
    { ...request.headers, 'user-agent': 'Sessiondesk-SMS/1' },
    request.body,
    timeoutMs,
  );
}
