import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessageKey } from '../i18n/field-message-patterns';
import { useTranslateFieldMessage } from '../i18n/field-messages';

export interface ControlProps {
  id: string;
  'aria-describedby': string;
  'aria-invalid': boolean;
}

interface Props {
  label: string;
  hint?: string;
  error?: string;
  /** Fieldsets (radio groups, checkbox lists) carry their label as a legend. */
  group?: boolean;
  /** A choice (a select; every group is one): a missing answer asks the user to choose, not to fill in. */
  choice?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/** A form field with its label, a short hint and the error, wired for screen readers. */
export function Field({ label, hint, error, group, choice, children }: Props) {
  const id = useId();
  const { t } = useTranslation();
  const translate = useTranslateFieldMessage();
  const message = (e: string) =>
    (group || choice) && fieldMessageKey(e)?.key === 'fieldMessage.required'
      ? t('fieldMessage.choose')
      : translate(e);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const control = { id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) };
  const body = (
    <>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children(control)}
      {error && (
        <p className="field-error" id={errorId}>
          {message(error)}
        </p>
      )}
    </>
  );
  if (group) {
    return (
      <fieldset className={`field${error ? ' has-error' : ''}`} aria-describedby={describedBy || undefined}>
        <legend>{label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {body}
    </div>
  );
}
