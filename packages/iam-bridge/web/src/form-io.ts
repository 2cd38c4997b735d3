import { byId } from './dom.js';
import type { FieldName, FormValues } from './form-values.js';
import type { FieldError } from './form-signing.js';

const TEXT_FIELDS = [
  'method',
  'url',
  'headers',
  'body',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'region',
  'service',
  'date',
  'expiresIn',
  'pathEncoding',
  'pathNormalization',
  'payload',
  'contentSha256Header',
  'sessionTokenMode',
] as const;

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function radio(name: string): string {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';
}

/**
 * Reads every form control into `FormValues`.
 *
 * @example const values = readForm(); values.url // 'https://iam.amazonaws.com/'
 */
export function readForm(): FormValues {
  const values: Record<string, string> = {};
  for (const name of TEXT_FIELDS) values[name] = byId<Control>(name).value;
  values.dateMode = radio('dateMode');
  values.mode = radio('mode');
  return values as unknown as FormValues;
}

/**
 * Puts `FormValues` into the form controls and enables the fields the choices need.
 *
 * @example writeForm(CREATE_USER_PRESET)
 */
export function writeForm(values: FormValues): void {
  for (const name of TEXT_FIELDS) byId<Control>(name).value = values[name];
  byId<HTMLInputElement>(`dateMode-${values.dateMode}`).checked = true;
  byId<HTMLInputElement>(`mode-${values.mode}`).checked = true;
  syncEnabled();
}

/**
 * Enables the fixed date and the expiry only when their choice is made.
 *
 * @example syncEnabled()
 */
export function syncEnabled(): void {
  byId<HTMLInputElement>('date').disabled = radio('dateMode') !== 'fixed';
  byId<HTMLInputElement>('expiresIn').disabled = radio('mode') !== 'query';
}

/**
 * Shows each error next to its field (the field points at it with aria-describedby and is
 * marked aria-invalid) and clears the others; returns the first field in error, in page order.
 *
 * @example showFieldErrors([{ field: 'url', code: 'InvalidUrl', message: '...' }])
 */
export function showFieldErrors(errors: FieldError[]): FieldName | undefined {
  const fields: FieldName[] = [...TEXT_FIELDS, 'form'];
  for (const field of fields) {
    const message = errors
      .filter((e) => e.field === field)
      .map((e) => `${e.message} (${e.code})`)
      .join(' ');
    const note = document.getElementById(`${field}-error`);
    if (note === null) continue;
    note.textContent = message;
    note.hidden = message === '';
    const control = document.getElementById(field);
    if (control === null || field === 'form') continue;
    if (message === '') control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', 'true');
  }
  return fields.find((field) => errors.some((e) => e.field === field));
}
