import {
  SigV4Error,
  checkExpires,
  parseSigningDate,
  presignUrlAsync,
  readHeaders,
  signRequestAsync,
  type Explanation,
  type PresignOptions,
  type SignableRequest,
} from '@iam-bridge/sigv4/web';
import type { FieldName, FormValues } from './form-values.js';
import { parseHeaderLines } from './header-lines.js';

/** A form error, shown next to its field. */
export interface FieldError {
  field: FieldName;
  code: string;
  message: string;
}

/** What the page shows once the form signs: the wire request and the explanation. */
export interface FormSigned {
  mode: 'header' | 'query';
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  explanation: Explanation;
  expiresAt?: Date;
}

/** Either the signed request or the errors that stopped it, one per field at most. */
export type FormSigning = { signed: FormSigned; errors: [] } | { errors: FieldError[] };

/**
 * The field a signer error belongs to, from its code (and, for credentials and options, from
 * which value its message names).
 *
 * @example fieldOf(new SigV4Error('InvalidExpires', '...')) // 'expiresIn'
 */
export function fieldOf(error: SigV4Error): FieldName {
  switch (error.code) {
    case 'InvalidUrl':
      return 'url';
    case 'InvalidDate':
      return 'date';
    case 'InvalidExpires':
      return 'expiresIn';
    case 'InvalidHeaderName':
    case 'InvalidHeaderValue':
      return 'headers';
    case 'InvalidMethod':
      return 'method';
    case 'InvalidBody':
      return 'body';
    case 'MissingRegion':
      return 'region';
    case 'MissingService':
      return 'service';
    case 'MissingCredentials':
      if (/secret/i.test(error.message)) return 'secretAccessKey';
      return /sessionToken/.test(error.message) ? 'sessionToken' : 'accessKeyId';
    default:
      if (/^region/.test(error.message)) return 'region';
      return /^service/.test(error.message) ? 'service' : 'form';
  }
}

function expiresValue(text: string): unknown {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text.trim() === '' ? undefined : text;
}

// Checks each field on its own first, so several bad fields are all reported at once; what only
// the signer can judge (URL, method, region, service) is then probed with the bad fields replaced
// by harmless stand-ins.
function checkFields(values: FormValues): { errors: FieldError[]; headers: [string, string][] } {
  const errors: FieldError[] = [];
  const attempt = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof SigV4Error)) throw error;
      errors.push({ field: fieldOf(error), code: error.code, message: error.message });
    }
  };

  let headers: [string, string][] = [];
  attempt(() => {
    headers = parseHeaderLines(values.headers);
    readHeaders(headers);
  });
  if (values.dateMode === 'fixed') attempt(() => parseSigningDate(values.date.trim()));
  if (values.mode === 'query') attempt(() => checkExpires(expiresValue(values.expiresIn)));
  if (values.accessKeyId.trim() === '') {
    errors.push({
      field: 'accessKeyId',
      code: 'MissingCredentials',
      message: 'enter an access key id (AKIA... or ASIA...)',
    });
  }
  if (values.secretAccessKey === '') {
    errors.push({
      field: 'secretAccessKey',
      code: 'MissingCredentials',
      message: 'enter the secret access key',
    });
  }
  return { errors, headers };
}

function signingInput(
  values: FormValues,
  headers: [string, string][],
  standIns: ReadonlySet<FieldName>,
): { request: SignableRequest; options: PresignOptions } {
  const choice = <T extends string>(value: T | 'default'): T | undefined =>
    value === 'default' ? undefined : value;
  const request: SignableRequest = {
    method: values.method.trim() || 'GET',
    url: values.url.trim(),
    headers: standIns.has('headers') ? [] : headers,
    body: values.body,
  };
  const options: PresignOptions = {
    credentials: {
      accessKeyId: standIns.has('accessKeyId') ? 'AKIDSTANDIN' : values.accessKeyId.trim(),
      secretAccessKey: standIns.has('secretAccessKey') ? 'stand-in' : values.secretAccessKey,
      sessionToken: values.sessionToken.trim() || undefined,
    },
    region: values.region.trim() || undefined,
    service: values.service.trim() || undefined,
    date: values.dateMode === 'fixed' && !standIns.has('date') ? values.date.trim() : undefined,
    expiresIn: standIns.has('expiresIn') ? 900 : (expiresValue(values.expiresIn) as number),
    pathEncoding: choice(values.pathEncoding),
    pathNormalization: choice(values.pathNormalization),
    payload: choice(values.payload),
    contentSha256Header: choice(values.contentSha256Header),
    sessionToken: values.sessionTokenMode,
    keyCache: false,
    exposeSigningKey: true,
  };
  return { request, options };
}

/**
 * Signs what the form holds with `@iam-bridge/sigv4/web`, in this browser: an Authorization
 * header or a presigned URL, with the explanation and the signing key. Bad input comes back as
 * field errors, from the signer's `SigV4Error` codes.
 *
 * @example const outcome = await signForm(values); if (outcome.errors.length) showErrors(outcome)
 */
export async function signForm(values: FormValues): Promise<FormSigning> {
  const { errors, headers } = checkFields(values);
  const standIns = new Set(errors.map((e) => e.field));
  const { request, options } = signingInput(values, headers, standIns);

  try {
    if (values.mode === 'query') {
      const presigned = await presignUrlAsync(request, options);
      if (errors.length > 0) return { errors };
      return {
        errors: [],
        signed: {
          mode: 'query',
          method: presigned.method,
          url: presigned.url,
          headers: presigned.headers,
          body: values.body,
          explanation: presigned.explanation,
          expiresAt: presigned.expiresAt,
        },
      };
    }
    const signed = await signRequestAsync(request, options);
    if (errors.length > 0) return { errors };
    return {
      errors: [],
      signed: {
        mode: 'header',
        method: signed.method,
        url: signed.url,
        headers: signed.headers,
        body: values.body,
        explanation: signed.explanation,
      },
    };
  } catch (error) {
    if (!(error instanceof SigV4Error)) throw error;
    const field = fieldOf(error);
    if (!standIns.has(field)) errors.push({ field, code: error.code, message: error.message });
    return { errors };
  }
}
