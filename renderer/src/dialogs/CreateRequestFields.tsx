/** The Create request dialog's fields, in PRODUCT.md's order and words. */
import { EMAIL_LANGUAGES, type EmailLanguage } from '@shared/domain/languages';
import { INTEGRATION_LIMITS } from '@shared/domain/integrations';
import { LIMITS } from '@shared/domain/limits';
import type { Agent, Channel } from '@shared/protocol/api';
import { useState } from 'react';
import { Field } from '../components/Field';
import { channelLabel } from '../domain/people';
import { useTranslator } from '../i18n/translation';
import type { AssignChoice, CreateForm, ExpiryChoice, FieldErrors } from './create-request-form';
import { defaultExpiryLabel, EXPIRY_PRESETS, targetChannelId } from './create-request-form';

export interface FieldsProps {
  readonly form: CreateForm;
  readonly errors: FieldErrors;
  readonly change: (patch: Partial<CreateForm>) => void;
  readonly channels: readonly Channel[];
  readonly queues: readonly Channel[];
  readonly agents: readonly Agent[];
  readonly disabled: boolean;
}

export function CreateRequestFields({
  form,
  errors,
  change,
  channels,
  queues,
  agents,
  disabled,
}: FieldsProps) {
  const t = useTranslator();
  const channel =
    channels.find((ch) => ch.id === targetChannelId(form)) ??
    queues.find((q) => q.id === targetChannelId(form));
  const isQueue = form.assignTo.startsWith('queue:');
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <Field label={t.t('create.recipientName')} error={errors.recipientName}>
        <input
          value={form.recipientName}
          onChange={(e) => change({ recipientName: e.target.value })}
          maxLength={LIMITS.recipientNameMax + 20}
          autoComplete="off"
          required
          data-autofocus
        />
      </Field>
      <Field label={t.t('create.recipientEmail')} error={errors.recipientEmail}>
        <input
          type="email"
          value={form.recipientEmail}
          onChange={(e) => change({ recipientEmail: e.target.value })}
          autoComplete="off"
          required={form.sendInvitation}
        />
      </Field>
      <Field
        label={t.t('create.recipientPhone')}
        error={errors.recipientPhone}
        hint={t.t('create.recipientPhoneHint')}
      >
        <input
          type="tel"
          value={form.recipientPhone}
          onChange={(e) => change({ recipientPhone: e.target.value })}
          autoComplete="off"
        />
      </Field>
      <div className="field field-check">
        <label>
          <input
            type="checkbox"
            checked={form.sendInvitation}
            onChange={(e) => change({ sendInvitation: e.target.checked })}
            aria-describedby="send-invitation-hint"
          />
          {t.t('create.sendInvitation')}
        </label>
        <p id="send-invitation-hint" className="field-hint">
          {t.t('create.sendInvitationHint')}
        </p>
      </div>
      <Field label={t.t('create.emailLanguage')} error={errors.emailLanguage}>
        <select
          value={form.emailLanguage}
          onChange={(e) => change({ emailLanguage: e.target.value as EmailLanguage })}
        >
          {EMAIL_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t.t(`languages.${language}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t.t('create.comments')}
        error={errors.comments}
        hint={t.t('create.commentsHint', { count: form.comments.length, max: LIMITS.commentsMax })}
        className="span-2"
      >
        <textarea value={form.comments} rows={3} onChange={(e) => change({ comments: e.target.value })} />
      </Field>
      <div className="field field-check">
        <label>
          <input
            type="checkbox"
            checked={form.schedule}
            onChange={(e) => change({ schedule: e.target.checked })}
          />
          {t.t('create.schedule')}
        </label>
      </div>
      {form.schedule ? (
        <Field label={t.t('create.scheduledAt')} error={errors.scheduledAt}>
          <input
            type="datetime-local"
            step={1}
            value={form.scheduledAt}
            onChange={(e) => change({ scheduledAt: e.target.value })}
          />
        </Field>
      ) : (
        <div className="field" aria-hidden="true" />
      )}
      <Field
        label={t.t('create.expiresIn')}
        error={form.expiresIn === 'custom' ? undefined : errors.expiresAt}
      >
        <select
          value={form.expiresIn}
          onChange={(e) => change({ expiresIn: e.target.value as ExpiryChoice })}
        >
          <option value="default">
            {t.t('create.expiryOptions.default', { label: defaultExpiryLabel(t, channel) })}
          </option>
          {(Object.keys(EXPIRY_PRESETS) as (keyof typeof EXPIRY_PRESETS)[]).map((key) => (
            <option key={key} value={key}>
              {t.t(`create.expiryOptions.${key}`)}
            </option>
          ))}
          <option value="custom">{t.t('create.expiryOptions.custom')}</option>
        </select>
      </Field>
      {form.expiresIn === 'custom' ? (
        <Field label={t.t('create.expiresAt')} error={errors.expiresAt}>
          <input
            type="datetime-local"
            step={1}
            value={form.expiresAt}
            onChange={(e) => change({ expiresAt: e.target.value })}
          />
        </Field>
      ) : (
        <div className="field" aria-hidden="true" />
      )}
      <Field label={t.t('create.assignTo')} error={errors.assignTo}>
        <select value={form.assignTo} onChange={(e) => change({ assignTo: e.target.value as AssignChoice })}>
          <option value="myself">{t.t('create.myself')}</option>
          {agents.length > 0 ? (
            <optgroup label={t.t('create.agentsGroup')}>
              {agents.map((agent) => (
                <option key={agent.id} value={`agent:${agent.id}`}>
                  {agent.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {queues.length > 0 ? (
            <optgroup label={t.t('create.queuesGroup')}>
              {queues.map((queue) => (
                <option key={queue.id} value={`queue:${queue.id}`}>
                  {t.t('create.queue', { channel: channelLabel(t, queue) })}
                </option>
              ))}
            </optgroup>
          ) : null}
          <option value="unassigned">{t.t('create.unassigned')}</option>
        </select>
      </Field>
      {isQueue ? (
        <div className="field" aria-hidden="true" />
      ) : (
        <Field label={t.t('create.channel')} error={errors.channelId} hint={t.t('create.channelHint')}>
          <select value={form.channelId} onChange={(e) => change({ channelId: e.target.value })}>
            {channels.map((ch) => (
              <option key={ch.id} value={ch.id}>
                {channelLabel(t, ch)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <TicketFields form={form} errors={errors} change={change} />
    </fieldset>
  );
}

/**
 * The ticket the request is made for, folded away until wanted (most requests have none), and unfolded
 * while one of its fields has a problem to show.
 */
function TicketFields({ form, errors, change }: Pick<FieldsProps, 'form' | 'errors' | 'change'>) {
  const t = useTranslator();
  const [open, setOpen] = useState(false);
  const problem = Boolean(errors.ticketSystem ?? errors.ticketId ?? errors.ticketUrl);
  return (
    <details
      className="span-2 more-options"
      open={open || problem}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t.t('ticket.createSummary')}</summary>
      <div className="form-grid">
        <Field label={t.t('ticket.system')} error={errors.ticketSystem} hint={t.t('ticket.systemHint')}>
          <input
            value={form.ticketSystem}
            onChange={(e) => change({ ticketSystem: e.target.value })}
            maxLength={INTEGRATION_LIMITS.externalSystemMax + 20}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label={t.t('ticket.id')} error={errors.ticketId}>
          <input
            value={form.ticketId}
            onChange={(e) => change({ ticketId: e.target.value })}
            maxLength={INTEGRATION_LIMITS.externalIdMax + 20}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label={t.t('ticket.url')} error={errors.ticketUrl} className="span-2">
          <input
            type="url"
            value={form.ticketUrl}
            onChange={(e) => change({ ticketUrl: e.target.value })}
            maxLength={INTEGRATION_LIMITS.externalUrlMax + 20}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      </div>
    </details>
  );
}
