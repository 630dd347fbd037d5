/** What every route's OpenAPI entry shares: the error envelope per status, and bearer security. */
import { errorEnvelopeSchema } from '@shared/protocol/errors';

/** Error responses for the given statuses, each the `{"error": {"code", "message"}}` envelope. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorEnvelopeSchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorEnvelopeSchema])) as Record<
    S,
    typeof errorEnvelopeSchema
  >;
}

/** The refusals any signed-in route may answer. */
export const REFUSALS = errorResponses(400, 401, 403, 404, 409);

/** The OpenAPI security requirement of a route behind a bearer access token. */
export const SECURED = [{ bearer: [] }];
