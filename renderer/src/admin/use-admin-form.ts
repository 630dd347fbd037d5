/**
 * What every admin form does the same way: its values, the messages by field (one goes away once its
 * field is edited), busy while a call runs, and submitting — check the input with the shared schema
 * (the `built` result), send it, and put the refusal's messages beside their fields.
 */
import { useState } from 'react';
import type { CommandResult } from '@shared/ipc/contract';
import { useTranslator } from '../i18n/translation';
import { withoutFields, type Built, type FormErrors } from './form-errors';

type Refusal = Extract<CommandResult<unknown>, { ok: false }>['error'];

/** What a submit came to: the answer, nothing to send, or a refusal now shown. */
export type Submitted<T> =
  | { readonly outcome: 'saved'; readonly value: T }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'refused' };

export function useAdminForm<Form extends object, F extends string>(
  initial: Form | (() => Form),
  /** The fields a change touches; by default the form's keys are its fields' names. */
  fieldsOf: (patch: Partial<Form>) => readonly F[] = (patch) => Object.keys(patch) as F[],
) {
  const t = useTranslator();
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [busy, setBusy] = useState(false);

  const change = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setErrors((current) => withoutFields(current, [...fieldsOf(patch), 'form']));
  };

  /** `null` input: nothing changed, nothing is sent. */
  async function submit<I, T>(
    built: Built<I | null, F>,
    send: (input: I) => Promise<CommandResult<T>>,
    refusal: (error: Refusal) => FormErrors<F>,
  ): Promise<Submitted<T>> {
    if (!built.ok) {
      setErrors({ form: t.t('admin.fixFields'), ...built.errors });
      return { outcome: 'refused' };
    }
    if (built.input === null) return { outcome: 'unchanged' };
    setErrors({});
    setBusy(true);
    const result = await send(built.input);
    setBusy(false);
    if (!result.ok) {
      setErrors(refusal(result.error));
      return { outcome: 'refused' };
    }
    return { outcome: 'saved', value: result.value };
  }

  return { form, setForm, errors, setErrors, busy, change, submit };
}
