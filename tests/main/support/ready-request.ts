/**
 * A request the agent can Connect to, made the way it happens: created through the core, its link
 * opened and access allowed on the end user's page of the real service, and Ready in the core's cache.
 */
import { FORM, timeline } from '../../support/requests';
import { tokenOf, type TestService } from '../../support/service-harness';
import type { TestCore } from './core-harness';

export async function untilStatus(core: TestCore, requestId: string, expected: string): Promise<void> {
  await core.until(
    async () => (await core.invoke('requests.get', { requestId }))?.request.status === expected,
    `status ${expected}`,
  );
}

/** Creates a request and allows access with `remoteId` (null: the page asked for none); its id once Ready. */
export async function readyRequest(
  core: TestCore,
  service: TestService,
  remoteId: string | null,
  recipientName = 'Dana Ready',
): Promise<string> {
  const created = await core.invoke('requests.create', { recipientName });
  const details = await core.invoke('requests.get', { requestId: created.rowId });
  const token = tokenOf(details!.request.link);
  await service.api.call('GET', `/j/${token}`);
  await service.api.call('POST', `/j/${token}/allow`, remoteId === null ? '' : `remoteId=${remoteId}`, FORM);
  await untilStatus(core, created.rowId, 'ready');
  return created.rowId;
}

/** How many events of `type` the service's timeline of the request has. */
export async function timelineCount(service: TestService, requestId: string, type: string): Promise<number> {
  return (await timeline(service.admin, requestId)).filter((e) => e.type === type).length;
}
