/**
 * Pieces the admin forms share: the offline sentence, the form-level error, a setting's checkbox with its
 * hint, the roles checkboxes and the password choice (an initial password, or a set-password link by e-mail). Groups of controls are
 * fieldsets with a legend, their error tied to them by aria-describedby like Field does for one control.
 */
import { useId } from 'react';
import { ROLES, type Role } from '@shared/domain/permissions';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
import { PASSWORD_MIN, roleName, toggleRole, type PasswordMode } from './agent-form';

/**
 * Shown on the screen and in a dialog while the service cannot be reached: why nothing can be changed,
 * followed by the core's reason for the connection being down when it gives one.
 */
export function OfflineNote({ live, reason }: { readonly live: boolean; readonly reason: string | null }) {
  const t = useTranslator();
  if (live) return null;
  return (
    <p className="notice admin-offline" role="status">
      {reason ? t.t('admin.offlineWithReason', { reason }) : t.t('admin.offline')}
    </p>
  );
}

export function FormError({ message }: { readonly message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** A setting that is on or off: its checkbox, and the hint under it as the checkbox's description. */
export function CheckField({
  label,
  hint,
  checked,
  onChange,
}: {
  readonly label: string;
  readonly hint: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const hintId = useId();
  return (
    <div className="field field-check">
      <label>
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hintId}
        />
        {label}
      </label>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
    </div>
  );
}

export function RoleChecks({
  roles,
  onChange,
  error,
  locked,
}: {
  readonly roles: readonly Role[];
  readonly onChange: (roles: Role[]) => void;
  readonly error: string | undefined;
  /** A role that cannot be turned off here, with the reason (the admin's own admin role). */
  readonly locked?: { readonly role: Role; readonly reason: string } | null;
}) {
  const t = useTranslator();
  const id = useId();
  return (
    <fieldset
      className={`field span-2 admin-roles${error ? ' has-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t.t('admin.agents.rolesLegend')}</legend>
      {ROLES.map((role) => {
        const isLocked = locked?.role === role;
        const hintId = `${id}-${role}-hint`;
        return (
          <div key={role} className="admin-check">
            <label>
              <input
                type="checkbox"
                checked={roles.includes(role)}
                disabled={isLocked}
                aria-describedby={hintId}
                onChange={(e) => onChange(toggleRole(roles, role, e.target.checked))}
              />
              {roleName(t, role)}
            </label>
            <span id={hintId} className="field-hint">
              {isLocked ? locked.reason : t.t(`admin.roleHints.${role}`)}
            </span>
          </div>
        );
      })}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function PasswordChoice({
  mode,
  password,
  onChange,
  modeError,
  passwordError,
  email,
  labels,
}: {
  readonly mode: PasswordMode;
  readonly password: string;
  readonly onChange: (patch: { passwordMode?: PasswordMode; password?: string }) => void;
  readonly modeError: string | undefined;
  readonly passwordError: string | undefined;
  /** The address the link goes to, for the hint. */
  readonly email: string;
  readonly labels: { readonly password: string; readonly modePassword: string };
}) {
  const t = useTranslator();
  const id = useId();
  const name = `${id}-mode`;
  const recipient = email.trim();
  return (
    <fieldset
      className={`field span-2 admin-password${modeError ? ' has-error' : ''}`}
      aria-describedby={modeError ? `${id}-error` : undefined}
    >
      <legend>{t.t('admin.agents.passwordLegend')}</legend>
      <label className="radio">
        <input
          type="radio"
          name={name}
          value="password"
          checked={mode === 'password'}
          onChange={() => onChange({ passwordMode: 'password' })}
        />
        {labels.modePassword}
      </label>
      <label className="radio">
        <input
          type="radio"
          name={name}
          value="link"
          checked={mode === 'link'}
          aria-describedby={mode === 'link' ? `${id}-link-hint` : undefined}
          onChange={() => onChange({ passwordMode: 'link' })}
        />
        {t.t('admin.agents.modeLink')}
      </label>
      {modeError ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {modeError}
        </p>
      ) : null}
      {mode === 'password' ? (
        <Field
          label={labels.password}
          error={passwordError}
          hint={t.t('admin.agents.passwordHint', { min: PASSWORD_MIN })}
          className="admin-password-field"
        >
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            spellCheck={false}
            onChange={(e) => onChange({ password: e.target.value })}
          />
        </Field>
      ) : (
        <p id={`${id}-link-hint`} className="field-hint">
          {recipient === ''
            ? t.t('admin.agents.modeLinkHint')
            : t.t('admin.agents.modeLinkHintFor', { email: recipient })}
        </p>
      )}
    </fieldset>
  );
}
