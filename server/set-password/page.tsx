/**
 * The set-password page an agent opens from their e-mail: the form (new password, typed twice), the
 * outcome, and the page of a link that no longer works. Rendered on the server like the join pages, with
 * their look; no JavaScript needed. In the language of the agent's browser (routes.ts picks it).
 */
import type { ReactNode } from 'react';
import { LIMITS } from '@shared/domain/limits';
import type { Translator } from '@shared/i18n/translator';
import { renderDocument, Shell, type PageContext } from '../join/shell';
import type { PasswordLinkRefusal } from '../services/password-links';

export interface PasswordFormErrors {
  readonly password?: string | undefined;
  readonly confirm?: string | undefined;
}

function Field(props: {
  id: 'password' | 'confirm';
  label: string;
  hint?: string;
  error: string | undefined;
}): ReactNode {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type="password"
        autoComplete="new-password"
        required
        minLength={LIMITS.passwordMin}
        maxLength={LIMITS.passwordMax}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? true : undefined}
      />
      {props.hint ? (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${props.id}-error`} className="error" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** The form; the passwords typed are never written back into it. */
export function renderPasswordForm(
  ctx: PageContext,
  token: string,
  email: string,
  errors: PasswordFormErrors = {},
): string {
  const { i18n } = ctx;
  const title = i18n.t('setPassword.page.title');
  return renderDocument(
    <Shell ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{i18n.t('setPassword.page.intro', { email })}</p>
      <form method="post" action={token} className="password-form" noValidate>
        {/* For password managers: the account the new password belongs to. */}
        <input type="hidden" name="username" autoComplete="username" defaultValue={email} />
        <Field
          id="password"
          label={i18n.t('setPassword.page.passwordLabel')}
          hint={i18n.t('setPassword.page.passwordHint', { min: LIMITS.passwordMin, max: LIMITS.passwordMax })}
          error={errors.password}
        />
        <Field id="confirm" label={i18n.t('setPassword.page.confirmLabel')} error={errors.confirm} />
        <div className="buttons">
          <button type="submit" className="allow">
            {i18n.t('setPassword.page.button')}
          </button>
        </div>
      </form>
    </Shell>,
  );
}

export function renderPasswordSet(ctx: PageContext, email: string): string {
  const { i18n } = ctx;
  const title = i18n.t('setPassword.page.doneTitle');
  return renderDocument(
    <Shell ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p className="outcome outcome-ok">{i18n.t('setPassword.page.done', { email })}</p>
      <p>{i18n.t('setPassword.page.signedOut')}</p>
    </Shell>,
  );
}

export function renderDeadLink(ctx: PageContext, reason: PasswordLinkRefusal, ttlHours: number): string {
  const { i18n } = ctx;
  return renderMessage(ctx, i18n.t('setPassword.page.deadTitle'), deadLinkMessage(i18n, reason, ttlHours));
}

function deadLinkMessage(i18n: Translator, reason: PasswordLinkRefusal, ttlHours: number): string {
  switch (reason) {
    case 'unknown':
      return i18n.t('setPassword.page.unknown');
    case 'expired':
      return i18n.t('setPassword.page.expired', { hours: ttlHours });
    case 'used':
      return i18n.t('setPassword.page.used');
    case 'disabled':
      return i18n.t('setPassword.page.disabled');
  }
}

export function renderMessage(ctx: PageContext, title: string, message: string): string {
  return renderDocument(
    <Shell ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p className="outcome">{message}</p>
    </Shell>,
  );
}
