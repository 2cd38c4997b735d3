// Verification: verifyRequest on a header-signed and a presigned IAM CreateUser request, timed
// side by side with signing the same request, since a server verifies what a client signs.
import { presignUrl, signRequest, verifyRequest } from '@iam-bridge/sigv4';
import { credentials, signingCases, signingDate, type SigningCase } from '../cases.js';
import type { BenchRow, SectionResult, TargetCheck } from '../report.js';
import { timeSideBySide, type Subject, type TimingOptions } from '../timing.js';

const SIGN = 'iam-bridge sign';
const VERIFY = 'iam-bridge verify';
const CASE_IDS = ['iam-get-header', 'iam-get-presign'];

const keys = new Map([[credentials.accessKeyId, { secretAccessKey: credentials.secretAccessKey }]]);

function subjectsFor(c: SigningCase): { sign: Subject; verify: Subject } {
  const options = { credentials, region: c.region, service: c.service, date: signingDate };
  const presignOptions = { ...options, expiresIn: c.expiresIn };
  const sign =
    c.expiresIn === undefined
      ? () => signRequest({ method: c.method, url: c.url, headers: c.headers }, options)
      : () => presignUrl({ method: c.method, url: c.url }, presignOptions);

  // The server sees what the client sends: the signed URL and headers (host included).
  const signed = sign();
  const host = new URL(signed.url).host;
  const received = { method: c.method, url: signed.url, headers: { host, ...signed.headers } };
  const verifyOptions = {
    lookupCredentials: (accessKeyId: string) => keys.get(accessKeyId),
    service: c.service,
    region: c.region,
    now: signingDate,
  };
  const check = verifyRequest(received, verifyOptions);
  if (!check.ok) throw new Error(`bench request does not verify: ${check.code} ${check.message}`);
  const verify = () => verifyRequest(received, verifyOptions);
  return { sign: { run: sign, isAsync: false }, verify: { run: verify, isAsync: false } };
}

/**
 * Times verifying a header-signed and a presigned CreateUser request beside signing them.
 *
 * @example console.log(formatSection(await verificationSection()))
 */
export async function verificationSection(options: TimingOptions = {}): Promise<SectionResult> {
  const rows: BenchRow[] = [];
  const targets: TargetCheck[] = [];
  for (const c of signingCases.filter((s) => CASE_IDS.includes(s.id))) {
    const { sign, verify } = subjectsFor(c);
    const [signTime, verifyTime] = await timeSideBySide([sign, verify], options);
    const row = (subject: string, timing: typeof signTime): BenchRow => ({
      caseId: c.id,
      caseTitle: c.title,
      subject,
      timing,
      ratioToOurs: timing.microseconds / signTime.microseconds,
    });
    rows.push(row(SIGN, signTime), row(VERIFY, verifyTime));
    const ratio = verifyTime.microseconds / signTime.microseconds;
    targets.push({
      name: `${c.id}: verify / sign`,
      measured: ratio,
      target: '<= 1.3',
      met: ratio <= 1.3,
    });
  }
  return {
    name: 'verification',
    title: 'Verification beside signing (microseconds per request, median of rounds)',
    rows,
    targets,
  };
}
