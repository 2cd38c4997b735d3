/** Everything the form holds, as the strings and choices a person entered. */
export interface FormValues {
  method: string;
  url: string;
  headers: string;
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  service: string;
  dateMode: 'now' | 'fixed';
  date: string;
  mode: 'header' | 'query';
  expiresIn: string;
  pathEncoding: 'default' | 'double' | 'single';
  pathNormalization: 'default' | 'normalize' | 'none';
  payload: 'default' | 'hash' | 'unsigned';
  contentSha256Header: 'default' | 'include' | 'omit';
  sessionTokenMode: 'signed' | 'appended';
}

/** A form field an error can point at; `form` when no single field is to blame. */
export type FieldName = keyof FormValues | 'form';

/** The form as it starts: an empty GET in header mode, signed now. */
export const EMPTY_FORM: FormValues = {
  method: 'GET',
  url: '',
  headers: '',
  body: '',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  region: '',
  service: '',
  dateMode: 'now',
  date: '',
  mode: 'header',
  expiresIn: '900',
  pathEncoding: 'default',
  pathNormalization: 'default',
  payload: 'default',
  contentSha256Header: 'default',
  sessionTokenMode: 'signed',
};

/**
 * AWS's IAM CreateUser example as a presigned URL; its signature is
 * 98ecc55e42480ecd4c159bae3d7d6ba0fdb5075dcd2e0f96ab1defea14c58cf7.
 *
 * @example Object.assign(values, CREATE_USER_PRESET)
 */
export const CREATE_USER_PRESET: FormValues = {
  ...EMPTY_FORM,
  method: 'GET',
  url: 'https://iam.amazonaws.com/?Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'iam',
  dateMode: 'fixed',
  date: '20200718T211159Z',
  mode: 'query',
  expiresIn: '30',
};
