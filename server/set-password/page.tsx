/**
 * The set-password page an agent opens from their e-mail: the form (new password, typed twice), the
 * outcome, and the page of a link that no longer works. Rendered on the server like the join pages, with
 * their look; no JavaScript needed. In English, as agents read the product.
 */
import type { ReactNode } from 'react';
import { LIMITS } from '@shared/domain/limits';
import { agentEn } from '../i18n/agent-en';
import { renderDocument, Shell, type PageContext } from '../join/shell';
import type { PasswordLinkRefusal } from '../services/password-links';

const s = agentEn.passwordPage;

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
  return renderDocument(
    <Shell ctx={ctx} title={s.title}>
      <h1>{s.title}</h1>
      <p>{s.intro(email)}</p>
      <form method="post" action={token} className="password-form" noValidate>
        {/* For password managers: the account the new password belongs to. */}
        <input type="hidden" name="username" autoComplete="username" defaultValue={email} />
        <Field
          id="password"
          label={s.passwordLabel}
          hint={s.passwordHint(LIMITS.passwordMin, LIMITS.passwordMax)}
          error={errors.password}
        />
        <Field id="confirm" label={s.confirmLabel} error={errors.confirm} />
        <div className="buttons">
          <button type="submit" className="allow">
            {s.button}
          </button>
        </div>
      </form>
    </Shell>,
  );
}

export function renderPasswordSet(ctx: PageContext, email: string): string {
  return renderDocument(
    <Shell ctx={ctx} title={s.doneTitle}>
      <h1>{s.doneTitle}</h1>
      <p className="outcome outcome-ok">{s.done(email)}</p>
      <p>{s.signedOut}</p>
    </Shell>,
  );
}

export function renderDeadLink(ctx: PageContext, reason: PasswordLinkRefusal, ttlHours: number): string {
  const message = {
    unknown: s.unknown,
    expired: s.expired(ttlHours),
    used: s.used,
    disabled: s.disabled,
  }[reason];
  return renderMessage(ctx, s.deadTitle, message);
}

export function renderMessage(ctx: PageContext, title: string, message: string): string {
  return renderDocument(
    <Shell ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p className="outcome">{message}</p>
    </Shell>,
  );
}
