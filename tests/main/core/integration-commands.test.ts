/**
 * The core's Integrations commands against the real service: an admin signed in through the core creates,
 * lists and revokes an integration token (its secret in the answer once, never in the list), adds a
 * webhook, disables it, sends a test that shows in the delivery log, rotates the secret and deletes it;
 * the service's refusals come back with their codes and fields; offline, every command is refused with
 * the reason before anything is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('the core’s Integrations commands', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  async function signedInAdmin(): Promise<TestCore> {
    t = await startTestService({ flags: ['--webhooks-allow-private', 'true'] });
    core = await TestCore.start();
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
    return core;
  }

  it('tokens: the secret once, the list without it, revoked at once', async () => {
    const admin = await signedInAdmin();
    const created = await admin.invoke('integrations.createToken', {
      name: 'Freshservice',
      scopes: ['requests:read'],
    });
    expect(created.token).toMatch(/^sdi_/);
    expect(created).toMatchObject({ name: 'Freshservice', scopes: ['requests:read'], expiresAt: null });
    expect((await t!.api.as(created.token).get('/requests')).status).toBe(200);

    const listed = await admin.invoke('integrations.listTokens', {});
    expect(listed.map((token) => token.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    expect(await admin.invoke('integrations.revokeToken', { tokenId: created.id })).toBeNull();
    expect(await admin.invoke('integrations.listTokens', {})).toEqual([]);
    expect((await t!.api.as(created.token).get('/requests')).status).toBe(401);
    // Revoked already: the service's refusal, passed on with its code.
    const again = await admin.call('integrations.revokeToken', { tokenId: created.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the input is checked before it is sent: fields at fault by name', async () => {
    const admin = await signedInAdmin();
    const refused = await admin.call('integrations.createToken', { name: ' ', scopes: [] });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('invalid_input');
    expect(refused.error.fields?.map((issue) => issue.field).sort()).toEqual(['name', 'scopes']);
  });

  it('webhooks: added with its secret, disabled, tested into the log, rotated and deleted', async () => {
    const admin = await signedInAdmin();
    const url = 'http://127.0.0.1:9/hooks';
    const added = await admin.invoke('integrations.createWebhook', { url, events: ['request.created'] });
    expect(added.secret).toMatch(/^whsec_/);
    expect(added).toMatchObject({ url, events: ['request.created'], description: '', includeSecrets: false });
    const webhookId = added.id;

    const disabled = await admin.invoke('integrations.updateWebhook', {
      webhookId,
      changes: { enabled: false },
    });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'admin' });
    expect((await admin.invoke('integrations.listWebhooks', {})).map((each) => each.enabled)).toEqual([
      false,
    ]);

    const ping = await admin.invoke('integrations.testWebhook', { webhookId });
    expect(ping).toMatchObject({ endpointId: webhookId, eventType: 'ping' });
    const log = await admin.invoke('integrations.deliveries', { webhookId, limit: 10 });
    expect(log.deliveries.map((delivery) => delivery.id)).toEqual([ping.id]);
    expect(log.nextCursor).toBeNull();

    const rotated = await admin.invoke('integrations.rotateWebhookSecret', { webhookId, overlapMinutes: 0 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(added.secret);

    expect(await admin.invoke('integrations.deleteWebhook', { webhookId })).toBeNull();
    expect(await admin.invoke('integrations.listWebhooks', {})).toEqual([]);
  });

  it('offline: refused with the reason, nothing sent', async () => {
    const admin = await signedInAdmin();
    await t!.stop();
    await admin.until(
      async () => (await admin.invoke('connection.get', {})).state !== 'live',
      'the core to lose the service',
    );
    for (const result of [
      await admin.call('integrations.listTokens', {}),
      await admin.call('integrations.createToken', { name: 'Desk', scopes: ['requests:read'] }),
      await admin.call('integrations.listWebhooks', {}),
    ]) {
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'offline', params: { action: 'integrations' } },
      });
    }
  });
});
