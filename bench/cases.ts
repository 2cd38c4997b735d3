// The requests every signer is timed on, in a neutral form each peer's adapter translates.

/** One request to sign, the same for every signer. */
export interface SigningCase {
  id: string;
  title: string;
  method: string;
  url: string;
  /** Caller headers, without host and x-amz-date (each signer adds those). */
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  region: string;
  service: string;
  /** Presigned with this X-Amz-Expires when set; header signing otherwise. */
  expiresIn?: number;
}

/** Example credentials from the AWS documentation; never real. */
export const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** The fixed signing time every signer gets, so keys stay cached and outputs comparable. */
export const signingDate = new Date('2020-07-18T21:11:59Z');
export const amzDate = '20200718T211159Z';

const createUserQuery = 'Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08';
const oneMiB = Buffer.alloc(1024 * 1024, 'iam-bridge bench payload ');

/**
 * The four signing cases: IAM CreateUser GET, the same presigned, the form POST, and a request
 * with twelve headers and a 1 MiB body.
 *
 * @example for (const c of signingCases) console.log(c.id)
 */
export const signingCases: readonly SigningCase[] = [
  {
    id: 'iam-get-header',
    title: 'IAM CreateUser GET, header',
    method: 'GET',
    url: 'https://iam.amazonaws.com/?' + createUserQuery,
    headers: {},
    body: undefined,
    region: 'us-east-1',
    service: 'iam',
  },
  {
    id: 'iam-get-presign',
    title: 'IAM CreateUser GET, presigned 30 s',
    method: 'GET',
    url: 'https://iam.amazonaws.com/?' + createUserQuery,
    headers: {},
    body: undefined,
    region: 'us-east-1',
    service: 'iam',
    expiresIn: 30,
  },
  {
    id: 'iam-post-form',
    title: 'IAM CreateUser form POST',
    method: 'POST',
    url: 'https://iam.amazonaws.com/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: createUserQuery,
    region: 'us-east-1',
    service: 'iam',
  },
  {
    id: 'twelve-headers-1mib',
    title: '12 headers, 1 MiB body',
    method: 'PUT',
    url: 'https://execute-api.us-east-1.amazonaws.com/prod/uploads/report-2020.bin',
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(oneMiB.length),
      'Content-Language': 'en-GB',
      'X-Amz-Target': 'Uploads.PutReport',
      'X-Amz-Meta-Owner': 'TestAPCUser',
      'X-Amz-Meta-Project': 'iam-bridge',
      'X-Amz-Meta-Stage': 'prod',
      'X-Amz-Meta-Notes': 'a   value  with runs of   spaces',
      'X-Request-Id': '6f1c2b9e-8c1d-4a57-9b8e-2f3a4c5d6e7f',
      'X-Client-Version': '2.4.1',
      'X-Tenant': 'example-tenant',
      'X-Trace-Parent': '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
    body: oneMiB,
    region: 'us-east-1',
    service: 'execute-api',
  },
];
