import type { UseFormRegisterReturn } from 'react-hook-form';
import type { ControlProps } from './Field';

/** Radio buttons and checkboxes in a fieldset; each option labelled by its own text. */
export function Choices({
  control,
  register,
  options,
  type,
}: {
  control: ControlProps;
  register: UseFormRegisterReturn;
  options: { value: string; label: string }[];
  type: 'radio' | 'checkbox';
}) {
  return (
    <div className="choices">
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type={type}
            value={o.value}
            aria-describedby={control['aria-describedby'] || undefined}
            {...register}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function Select({
  control,
  register,
  options,
  placeholder,
}: {
  control: ControlProps;
  register: UseFormRegisterReturn;
  options: { value: string; label: string }[];
  placeholder: string;
}) {
  return (
    <select {...control} aria-describedby={control['aria-describedby'] || undefined} {...register}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Spreads a field's ids onto a native input without an empty aria-describedby. */
export function controlAttrs(control: ControlProps) {
  return { ...control, 'aria-describedby': control['aria-describedby'] || undefined };
}

/** Numbers as people type them here: a decimal comma, spaces between thousands. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isNaN(n) ? (value as unknown as number) : n;
}

/** A percentage as typed ("75", "100 %") as the fraction the API takes (0.75, 1); anything else unchanged. */
export function percentToFraction(value: unknown): number | undefined {
  const n = toNumber(typeof value === 'string' ? value.replace('%', '') : value);
  return typeof n === 'number' ? Math.round(n * 100) / 10000 : n;
}

export const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
export const yesNo = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : undefined);
