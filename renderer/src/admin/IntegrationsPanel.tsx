/**
 * The Integrations tab: integration tokens (name, scopes, created, last used, expires; Create token and
 * Revoke) and webhook endpoints (address, events, state, failing since; Add webhook, Edit, Enable or
 * Disable, Send test, Rotate secret, Delivery log, Delete). Both lists are read from the service when the
 * tab opens and after every change (nothing here is cached: only admins need it, and only online). The
 * tab keeps its own dialogs: they carry what the answers brought (a secret to show once).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
// The tab's own style sheet, as AdminScreen imports admin.css.
import '../styles/integrations.css';
import { WEBHOOK_EVENT_TYPES } from '@shared/domain/integrations';
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { IntegrationToken, WebhookEndpoint } from '@shared/protocol/integrations';
import { ReasonButton } from '../components/ReasonButton';
import type { CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { FormError } from './AdminFormParts';
import { DeliveryLogDialog } from './DeliveryLog';
import { CreateTokenDialog, RevokeTokenDialog } from './TokenDialogs';
import { useAdmin } from './use-admin';
import { DeleteWebhookDialog, RotateSecretDialog, WebhookFormDialog } from './WebhookDialogs';

/** The tab's dialogs, one at a time. */
type IntegrationDialog =
  | { readonly kind: 'createToken' }
  | { readonly kind: 'revokeToken'; readonly token: IntegrationToken }
  | { readonly kind: 'createWebhook' }
  | { readonly kind: 'editWebhook'; readonly endpoint: WebhookEndpoint }
  | { readonly kind: 'rotateSecret'; readonly endpoint: WebhookEndpoint }
  | { readonly kind: 'deleteWebhook'; readonly endpoint: WebhookEndpoint }
  | { readonly kind: 'deliveries'; readonly endpoint: WebhookEndpoint };

type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly items: readonly T[] }
  | { readonly state: 'failed'; readonly error: CommandError };

/** A list read from the service while live, and read again on `reload`. */
function useServiceList<T>(read: () => Promise<Loaded<T>>): [Loaded<T>, () => Promise<void>] {
  const { live } = useAdmin();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(async () => setLoaded(await read()), [read]);
  useEffect(() => {
    if (!live) return;
    let current = true;
    void read().then((next) => {
      if (current) setLoaded(next);
    });
    return () => {
      current = false;
    };
  }, [live, read]);
  return [loaded, reload];
}

const dateOrNever = (t: Translator, at: string | null, never: string) =>
  at === null ? never : t.formatDateTime(new Date(at));

function TokensSection({
  open,
  addRef,
  tokens,
}: {
  readonly open: (dialog: IntegrationDialog) => void;
  readonly addRef: RefObject<HTMLButtonElement | null>;
  readonly tokens: Loaded<IntegrationToken>;
}) {
  const t = useTranslator();
  const { live } = useAdmin();
  const offline = live ? null : t.t('admin.offlineReason');
  return (
    <section className="admin-section" aria-labelledby="integrations-tokens-heading">
      <h3 id="integrations-tokens-heading">{t.t('integrations.tokens.heading')}</h3>
      <p className="admin-intro">{t.t('integrations.tokens.intro')}</p>
      <div className="admin-toolbar">
        <p className="muted admin-count">
          {tokens.state === 'loaded' ? t.t('integrations.tokens.count', { n: tokens.items.length }) : null}
        </p>
        <ReasonButton
          ref={addRef}
          className="button primary"
          enabled={live}
          reason={offline}
          onClick={() => open({ kind: 'createToken' })}
        >
          {t.t('integrations.tokens.create')}
        </ReasonButton>
      </div>
      <ListState loaded={tokens} empty={t.t('integrations.tokens.empty')} />
      {tokens.state === 'loaded' && tokens.items.length > 0 ? (
        <div className="admin-table-scroll">
          <table className="admin-table" aria-label={t.t('integrations.tokens.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t.t('integrations.tokens.columns.name')}</th>
                <th scope="col">{t.t('integrations.tokens.columns.scopes')}</th>
                <th scope="col">{t.t('integrations.tokens.columns.created')}</th>
                <th scope="col">{t.t('integrations.tokens.columns.lastUsed')}</th>
                <th scope="col">{t.t('integrations.tokens.columns.expires')}</th>
                <th scope="col">{t.t('integrations.tokens.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.items.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    <span className="admin-name">{token.name}</span>
                    <span className="mono muted integrations-hint">{token.hint}</span>
                  </th>
                  <td>
                    <ul className="integrations-list">
                      {token.scopes.map((scope) => (
                        <li key={scope}>
                          <code>{scope}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{t.formatDateTime(new Date(token.createdAt))}</td>
                  <td>{dateOrNever(t, token.lastUsedAt, t.t('integrations.tokens.neverUsed'))}</td>
                  <td>{dateOrNever(t, token.expiresAt, t.t('integrations.tokens.noExpiry'))}</td>
                  <td>
                    <ReasonButton
                      className="button small danger"
                      enabled={live}
                      reason={offline}
                      aria-label={t.t('integrations.tokens.revokeLabel', { name: token.name })}
                      onClick={() => open({ kind: 'revokeToken', token })}
                    >
                      {t.t('integrations.tokens.revoke')}
                    </ReasonButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Loading, the refusal, or the sentence for an empty list. */
function ListState<T>({ loaded, empty }: { readonly loaded: Loaded<T>; readonly empty: string }) {
  const t = useTranslator();
  const { live } = useAdmin();
  if (loaded.state === 'failed') return <FormError message={errorText(t, loaded.error)} />;
  if (loaded.state === 'loading') {
    return live ? <p className="muted admin-empty">{t.t('integrations.loading')}</p> : null;
  }
  return loaded.items.length === 0 ? <p className="muted admin-empty">{empty}</p> : null;
}

function endpointState(t: Translator, endpoint: WebhookEndpoint): string {
  if (endpoint.enabled) return t.t('integrations.webhooks.enabled');
  return endpoint.disabledReason === 'failing'
    ? t.t('integrations.webhooks.disabledFailing')
    : t.t('integrations.webhooks.disabledByAdmin');
}

function eventsText(t: Translator, endpoint: WebhookEndpoint): string {
  if (endpoint.events.length === WEBHOOK_EVENT_TYPES.length) return t.t('integrations.webhooks.allEvents');
  return t.formatList(endpoint.events.map((event) => t.t(`integrations.events.${event}`)));
}

function WebhookRow({
  endpoint,
  open,
  reload,
}: {
  readonly endpoint: WebhookEndpoint;
  readonly open: (dialog: IntegrationDialog) => void;
  readonly reload: () => Promise<void>;
}) {
  const t = useTranslator();
  const { store, live } = useAdmin();
  const [busy, setBusy] = useState(false);
  const offline = live ? null : t.t('admin.offlineReason');
  const url = { url: endpoint.url };

  /** Enable or Disable, or Send test: straight away, the answer said in a toast. */
  const run = async (command: 'toggle' | 'test') => {
    setBusy(true);
    const result =
      command === 'toggle'
        ? await store.getState().call('integrations.updateWebhook', {
            webhookId: endpoint.id,
            changes: { enabled: !endpoint.enabled },
          })
        : await store.getState().call('integrations.testWebhook', { webhookId: endpoint.id });
    setBusy(false);
    if (!result.ok) {
      store.getState().toast({ tone: 'error', title: errorText(t, result.error) });
      return;
    }
    const done =
      command === 'test'
        ? t.t('integrations.webhooks.testSent', url)
        : endpoint.enabled
          ? t.t('integrations.webhooks.disabledDone', url)
          : t.t('integrations.webhooks.enabledDone', url);
    store.getState().toast({ tone: 'info', title: done });
    if (command === 'toggle') await reload();
  };

  return (
    <tr className={endpoint.enabled ? undefined : 'is-disabled'}>
      <th scope="row">
        <span className="admin-name mono">{endpoint.url}</span>
        {endpoint.description ? (
          <span className="muted integrations-hint">{endpoint.description}</span>
        ) : null}
      </th>
      <td>{eventsText(t, endpoint)}</td>
      <td>
        {endpointState(t, endpoint)}
        {endpoint.includeSecrets ? (
          <span className="muted integrations-hint">{t.t('integrations.webhooks.carriesSecrets')}</span>
        ) : null}
        {endpoint.previousSecretExpiresAt !== null ? (
          <span className="muted integrations-hint">
            {t.t('integrations.webhooks.previousSecretUntil', {
              time: t.formatDateTime(new Date(endpoint.previousSecretExpiresAt)),
            })}
          </span>
        ) : null}
      </td>
      <td>{dateOrNever(t, endpoint.failingSince, t.t('integrations.notApplicable'))}</td>
      <td>
        <div className="admin-row-actions integrations-actions">
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={t.t('integrations.webhooks.editLabel', url)}
            onClick={() => open({ kind: 'editWebhook', endpoint })}
          >
            {t.t('integrations.webhooks.edit')}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live && !busy}
            reason={offline}
            aria-label={
              endpoint.enabled
                ? t.t('integrations.webhooks.disableLabel', url)
                : t.t('integrations.webhooks.enableLabel', url)
            }
            onClick={() => void run('toggle')}
          >
            {endpoint.enabled ? t.t('integrations.webhooks.disable') : t.t('integrations.webhooks.enable')}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live && !busy}
            reason={offline}
            aria-label={t.t('integrations.webhooks.testLabel', url)}
            onClick={() => void run('test')}
          >
            {t.t('integrations.webhooks.test')}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={t.t('integrations.webhooks.rotateLabel', url)}
            onClick={() => open({ kind: 'rotateSecret', endpoint })}
          >
            {t.t('integrations.webhooks.rotate')}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={t.t('integrations.webhooks.deliveriesLabel', url)}
            onClick={() => open({ kind: 'deliveries', endpoint })}
          >
            {t.t('integrations.webhooks.deliveries')}
          </ReasonButton>
          <ReasonButton
            className="button small danger"
            enabled={live}
            reason={offline}
            aria-label={t.t('integrations.webhooks.deleteLabel', url)}
            onClick={() => open({ kind: 'deleteWebhook', endpoint })}
          >
            {t.t('integrations.webhooks.delete')}
          </ReasonButton>
        </div>
      </td>
    </tr>
  );
}

function WebhooksSection({
  open,
  addRef,
  endpoints,
  reload,
}: {
  readonly open: (dialog: IntegrationDialog) => void;
  readonly addRef: RefObject<HTMLButtonElement | null>;
  readonly endpoints: Loaded<WebhookEndpoint>;
  readonly reload: () => Promise<void>;
}) {
  const t = useTranslator();
  const { live } = useAdmin();
  return (
    <section className="admin-section" aria-labelledby="integrations-webhooks-heading">
      <h3 id="integrations-webhooks-heading">{t.t('integrations.webhooks.heading')}</h3>
      <p className="admin-intro">{t.t('integrations.webhooks.intro')}</p>
      <div className="admin-toolbar">
        <p className="muted admin-count">
          {endpoints.state === 'loaded'
            ? t.t('integrations.webhooks.count', { n: endpoints.items.length })
            : null}
        </p>
        <ReasonButton
          ref={addRef}
          className="button primary"
          enabled={live}
          reason={live ? null : t.t('admin.offlineReason')}
          onClick={() => open({ kind: 'createWebhook' })}
        >
          {t.t('integrations.webhooks.add')}
        </ReasonButton>
      </div>
      <ListState loaded={endpoints} empty={t.t('integrations.webhooks.empty')} />
      {endpoints.state === 'loaded' && endpoints.items.length > 0 ? (
        <div className="admin-table-scroll">
          <table className="admin-table" aria-label={t.t('integrations.webhooks.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t.t('integrations.webhooks.columns.url')}</th>
                <th scope="col">{t.t('integrations.webhooks.columns.events')}</th>
                <th scope="col">{t.t('integrations.webhooks.columns.state')}</th>
                <th scope="col">{t.t('integrations.webhooks.columns.failingSince')}</th>
                <th scope="col">{t.t('integrations.webhooks.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.items.map((endpoint) => (
                <WebhookRow key={endpoint.id} endpoint={endpoint} open={open} reload={reload} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function IntegrationsPanel() {
  const { store } = useAdmin();
  const [dialog, setDialog] = useState<IntegrationDialog | null>(null);
  const addToken = useRef<HTMLButtonElement>(null);
  const addWebhook = useRef<HTMLButtonElement>(null);

  const readTokens = useCallback(async (): Promise<Loaded<IntegrationToken>> => {
    const result = await store.getState().call('integrations.listTokens', {});
    return result.ok ? { state: 'loaded', items: result.value } : { state: 'failed', error: result.error };
  }, [store]);
  const readWebhooks = useCallback(async (): Promise<Loaded<WebhookEndpoint>> => {
    const result = await store.getState().call('integrations.listWebhooks', {});
    return result.ok ? { state: 'loaded', items: result.value } : { state: 'failed', error: result.error };
  }, [store]);
  const [tokens, reloadTokens] = useServiceList(readTokens);
  const [endpoints, reloadWebhooks] = useServiceList(readWebhooks);

  const close = () => setDialog(null);
  /** After a row went away with its button, focus goes to the section's own button. */
  const gone = (section: 'tokens' | 'webhooks') => async () => {
    await (section === 'tokens' ? reloadTokens() : reloadWebhooks());
    (section === 'tokens' ? addToken : addWebhook).current?.focus();
  };

  return (
    <>
      <TokensSection open={setDialog} addRef={addToken} tokens={tokens} />
      <WebhooksSection open={setDialog} addRef={addWebhook} endpoints={endpoints} reload={reloadWebhooks} />
      <OpenDialog
        dialog={dialog}
        onClose={close}
        changed={{ tokens: reloadTokens, webhooks: reloadWebhooks }}
        gone={gone}
      />
    </>
  );
}

function OpenDialog({
  dialog,
  onClose,
  changed,
  gone,
}: {
  readonly dialog: IntegrationDialog | null;
  readonly onClose: () => void;
  readonly changed: { readonly tokens: () => Promise<void>; readonly webhooks: () => Promise<void> };
  readonly gone: (section: 'tokens' | 'webhooks') => () => Promise<void>;
}) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'createToken':
      return <CreateTokenDialog onClose={onClose} onCreated={changed.tokens} />;
    case 'revokeToken':
      return <RevokeTokenDialog token={dialog.token} onClose={onClose} onRevoked={gone('tokens')} />;
    case 'createWebhook':
      return <WebhookFormDialog endpoint={null} onClose={onClose} onSaved={changed.webhooks} />;
    case 'editWebhook':
      return <WebhookFormDialog endpoint={dialog.endpoint} onClose={onClose} onSaved={changed.webhooks} />;
    case 'rotateSecret':
      return <RotateSecretDialog endpoint={dialog.endpoint} onClose={onClose} onRotated={changed.webhooks} />;
    case 'deleteWebhook':
      return (
        <DeleteWebhookDialog endpoint={dialog.endpoint} onClose={onClose} onDeleted={gone('webhooks')} />
      );
    case 'deliveries':
      return <DeliveryLogDialog endpoint={dialog.endpoint} onClose={onClose} />;
  }
}
