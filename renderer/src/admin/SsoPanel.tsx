/**
 * The Single sign-on tab (issue 18): the organisation's policy (agents created at their first sign-in,
 * SSO only) and the group → roles and channels mapping, read from the service when the tab opens and
 * saved whole. The service's SSO settings (issuer, client) are IT's, in its configuration: without them
 * the tab says so and nothing can be changed.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { SsoMappings, SsoPolicy } from '@shared/protocol/sso';
import { SSO_LIMITS } from '@shared/domain/sso';
import type { CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
import { CheckField, FormError, OfflineNote, RoleChecks } from './AdminFormParts';
import { sharedChannels } from './channel-form';
import { useAdmin } from './use-admin';

type Mapping = SsoMappings['mappings'][number];
/** A channel in a row: not given, a member, or a member who may release. */
type Grant = 'none' | 'member' | 'release';

export function SsoPanel() {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [policy, setPolicy] = useState<SsoPolicy | null>(null);
  const [mappings, setMappings] = useState<Mapping[] | null>(null);
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!live) return;
    let current = true;
    void Promise.all([
      store.getState().call('organisation.ssoPolicy', {}),
      store.getState().call('organisation.ssoMappings', {}),
    ]).then(([readPolicy, readMappings]) => {
      if (!current) return;
      // Read again after a reconnection, but what is already on screen stays: the admin may have
      // changed rows not saved yet, and the policy shown is the one last saved.
      if (readPolicy.ok) setPolicy((shown) => shown ?? readPolicy.value);
      else setRefusal(readPolicy.error);
      if (readMappings.ok) setMappings((shown) => shown ?? [...readMappings.value.mappings]);
      else setRefusal(readMappings.error);
    });
    return () => {
      current = false;
    };
  }, [store, live]);

  const changePolicy = async (changes: { justInTime?: boolean; ssoOnly?: boolean }) => {
    if (!policy) return;
    // The box shows the click at once and goes back if the service refuses it.
    const before = policy;
    setPolicy({ ...policy, ...changes });
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().call('organisation.updateSsoPolicy', changes);
    setBusy(false);
    if (!result.ok) {
      setPolicy(before);
      return setRefusal(result.error);
    }
    setPolicy(result.value);
    store.getState().toast({ tone: 'info', title: t.t('admin.sso.saved') });
  };

  const saveMappings = async (event: FormEvent) => {
    event.preventDefault();
    if (!mappings) return;
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().call('organisation.replaceSsoMappings', {
      mappings: mappings.map((m) => ({ ...m, group: m.group.trim() })),
    });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    setMappings([...result.value.mappings]);
    store.getState().toast({ tone: 'info', title: t.t('admin.sso.saved') });
  };

  const configured = policy?.configured === true;
  const editable = live && configured && !busy;
  return (
    <form className="admin-sso" onSubmit={(e) => void saveMappings(e)} noValidate aria-busy={busy}>
      <p className="admin-intro">{t.t('admin.sso.intro')}</p>
      <OfflineNote live={live} reason={offlineReason} />
      {live && !policy && !refusal ? <p className="muted">{t.t('admin.sso.loading')}</p> : null}
      {policy && !configured ? (
        <p className="notice" role="status">
          {t.t('admin.sso.notConfigured')}
        </p>
      ) : null}
      {policy ? (
        <fieldset className="admin-stack" disabled={!editable}>
          <legend>{t.t('admin.sso.policyLegend')}</legend>
          <CheckField
            label={t.t('admin.sso.justInTime')}
            hint={t.t('admin.sso.justInTimeHint')}
            checked={policy.justInTime}
            onChange={(justInTime) => void changePolicy({ justInTime })}
          />
          <CheckField
            label={t.t('admin.sso.ssoOnly')}
            hint={t.t('admin.sso.ssoOnlyHint')}
            checked={policy.ssoOnly}
            onChange={(ssoOnly) => void changePolicy({ ssoOnly })}
          />
        </fieldset>
      ) : null}
      {policy && mappings ? (
        <MappingRows mappings={mappings} disabled={!editable} onChange={setMappings} />
      ) : null}
      <FormError message={refusal ? errorText(t, refusal) : null} />
      {policy && mappings ? (
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={!editable}>
            {busy ? t.t('admin.busy') : t.t('admin.sso.saveMappings')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function MappingRows({
  mappings,
  disabled,
  onChange,
}: {
  readonly mappings: readonly Mapping[];
  readonly disabled: boolean;
  readonly onChange: (mappings: Mapping[]) => void;
}) {
  const t = useTranslator();
  const channels = sharedChannels(useApp((s) => s.directory.channels));
  const update = (index: number, change: Partial<Mapping>) =>
    onChange(mappings.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const grantOf = (mapping: Mapping, channelId: string): Grant => {
    const grant = mapping.channels.find((c) => c.channelId === channelId);
    return grant ? (grant.canRelease ? 'release' : 'member') : 'none';
  };
  const setGrant = (index: number, channelId: string, grant: Grant) => {
    const others = mappings[index]!.channels.filter((c) => c.channelId !== channelId);
    update(index, {
      channels: grant === 'none' ? others : [...others, { channelId, canRelease: grant === 'release' }],
    });
  };
  return (
    <fieldset className="admin-stack" disabled={disabled}>
      <legend>{t.t('admin.sso.mappingsLegend')}</legend>
      <p className="muted">{t.t('admin.sso.mappingsIntro')}</p>
      {mappings.map((mapping, index) => (
        <section
          key={index}
          className="admin-sso-mapping"
          aria-label={t.t('admin.sso.mappingLabel', { group: mapping.group || '…' })}
        >
          <label className="field">
            <span>{t.t('admin.sso.group')}</span>
            <input
              value={mapping.group}
              maxLength={SSO_LIMITS.groupMax}
              spellCheck={false}
              onChange={(e) => update(index, { group: e.target.value })}
            />
          </label>
          <RoleChecks
            roles={mapping.roles}
            onChange={(roles) => update(index, { roles })}
            error={undefined}
          />
          {channels.map((channel) => (
            <label key={channel.id} className="field">
              <span>{t.t('admin.sso.channel', { name: channel.name })}</span>
              <select
                value={grantOf(mapping, channel.id)}
                onChange={(e) => setGrant(index, channel.id, e.target.value as Grant)}
              >
                <option value="none">{t.t('admin.sso.grantNone')}</option>
                <option value="member">{t.t('admin.sso.grantMember')}</option>
                <option value="release">{t.t('admin.sso.grantRelease')}</option>
              </select>
            </label>
          ))}
          <button
            type="button"
            className="button small"
            onClick={() => onChange(mappings.filter((_, i) => i !== index))}
          >
            {t.t('admin.sso.removeMapping', { group: mapping.group || '…' })}
          </button>
        </section>
      ))}
      <button
        type="button"
        className="button"
        disabled={mappings.length >= SSO_LIMITS.mappingsMax}
        onClick={() => onChange([...mappings, { group: '', roles: ['support_agent'], channels: [] }])}
      >
        {t.t('admin.sso.addMapping')}
      </button>
    </fieldset>
  );
}
