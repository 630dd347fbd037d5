/**
 * Pieces the admin forms share: the offline sentence, the form-level error, the roles checkboxes and the
 * password choice (an initial password, or a set-password link by e-mail). Groups of controls are
 * fieldsets with a legend, their error tied to them by aria-describedby like Field does for one control.
 */
import { useId } from 'react';
import { ROLES, type Role } from '@shared/domain/permissions';
import { Field } from '../components/Field';
import { ADMIN_STRINGS } from './admin-strings';
import { PASSWORD_MIN, toggleRole, type PasswordMode } from './agent-form';

const A = ADMIN_STRINGS;

/** Shown in a dialog while the service cannot be reached: why its form is disabled. */
export function OfflineNote({ live, reason }: { readonly live: boolean; readonly reason: string | null }) {
  if (live) return null;
  return (
    <p className="notice admin-offline" role="status">
      {A.offline(reason)}
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
  const id = useId();
  return (
    <fieldset
      className={`field span-2 admin-roles${error ? ' has-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{A.agents.rolesLegend}</legend>
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
              {A.roles[role]}
            </label>
            <span id={hintId} className="field-hint">
              {isLocked ? locked.reason : A.roleHints[role]}
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
  const id = useId();
  const name = `${id}-mode`;
  return (
    <fieldset
      className={`field span-2 admin-password${modeError ? ' has-error' : ''}`}
      aria-describedby={modeError ? `${id}-error` : undefined}
    >
      <legend>{A.agents.passwordLegend}</legend>
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
        {A.agents.modeLink}
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
          hint={A.agents.passwordHint(PASSWORD_MIN)}
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
          {A.agents.modeLinkHint(email)}
        </p>
      )}
    </fieldset>
  );
}
