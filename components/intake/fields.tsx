'use client';

import { FieldError } from '@/components/ui/field';

const input = 'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600';
const errId = (name: string) => `${name.replaceAll('.', '-')}-error`;
const hintId = (name: string) => `${name.replaceAll('.', '-')}-hint`;
const describedBy = (name: string, errors?: string[], hint?: string) => [errors?.length ? errId(name) : '', hint ? hintId(name) : ''].filter(Boolean).join(' ') || undefined;

/** A labelled text input whose error is tied to it (aria-describedby) and announced with it. */
export function TextField({
  name,
  label,
  errors,
  value,
  type = 'text',
  required,
  hint,
  autoComplete,
  inputMode,
  className = '',
  ...rest
}: { name: string; label: string; errors?: string[]; value?: string; type?: string; required?: boolean; hint?: string; autoComplete?: string; inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text'; className?: string; step?: string; min?: string; max?: string; maxLength?: number; list?: string }) {
  const id = name.replaceAll('.', '-');
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
        {required && <span aria-hidden="true" className="text-red-700"> *</span>}
      </label>
      {hint && (
        <p id={hintId(name)} className="text-sm text-stone-600">
          {hint}
        </p>
      )}
      <input id={id} name={name} type={type} defaultValue={value} required={required} autoComplete={autoComplete} inputMode={inputMode} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(name, errors, hint)} className={input} {...rest} />
      <FieldError id={errId(name)} errors={errors} />
    </div>
  );
}

export function SelectField({ name, label, options, errors, value, hint, className = '' }: { name: string; label: string; options: { value: string; label: string }[]; errors?: string[]; value?: string; hint?: string; className?: string }) {
  const id = name.replaceAll('.', '-');
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint && (
        <p id={hintId(name)} className="text-sm text-stone-600">
          {hint}
        </p>
      )}
      <select id={id} name={name} defaultValue={value} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(name, errors, hint)} className={input}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errId(name)} errors={errors} />
    </div>
  );
}

/** Yes / no / not known, as a radio group (a fieldset with a legend). */
export function ChoiceField({ name, legend, options, errors, value, hint }: { name: string; legend: string; options: { value: string; label: string }[]; errors?: string[]; value?: string; hint?: string }) {
  return (
    <fieldset aria-describedby={describedBy(name, errors, hint)} aria-invalid={errors?.length ? true : undefined}>
      <legend className="font-medium">{legend}</legend>
      {hint && (
        <p id={hintId(name)} className="text-sm text-stone-600">
          {hint}
        </p>
      )}
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name={name} value={o.value} defaultChecked={(value ?? 'unknown') === o.value} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={errId(name)} errors={errors} />
    </fieldset>
  );
}
