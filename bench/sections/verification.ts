// Verification: verifyRequest on header-signed and presigned IAM CreateUser requests, timed
// side by side with signing them, since a server verifies what a client signs. Every call
// meets a request signed at another second, as a server does.
import { presignUrl, signRequest, verifyRequest } from '@iam-bridge/sigv4';
import { credentials, signingCases, signingDate, type SigningCase } from '../cases.js';
import type { BenchRow, SectionResult, TargetCheck } from '../report.js';
import { timeSideBySide, type Subject, type TimingOptions } from '../timing.js';

const SIGN = 'iam-bridge sign';
const VERIFY = 'iam-bridge verify';
const CASE_IDS = ['iam-get-header', 'iam-get-presign'];

const keys = new Map([[credentials.accessKeyId, { secretAccessKey: credentials.secretAccessKey }]]);

// A server never sees the same signed request twice: each carries its own X-Amz-Date and
// signature (and a presigned URL carries both in the URL). So verification cycles through
// requests signed a second apart, more of them than any cache holds, each checked at its own
// time; signing signs the same request at those times. Both sides keep one options object
// with a clock, as a client and a server do.
const POOL = 4096;

function subjectsFor(c: SigningCase): { sign: Subject; verify: Subject } {
  const times = Array.from({ length: POOL }, (_, i) => signingDate.getTime() + i * 1000);
  let signAt = 0;
  const signOptions = {
    credentials,
    region: c.region,
    service: c.service,
    now: () => times[signAt],
    ...(c.expiresIn === undefined ? {} : { expiresIn: c.expiresIn }),
  };
  const signOne = () =>
    c.expiresIn === undefined
      ? signRequest({ method: c.method, url: c.url, headers: c.headers }, signOptions)
      : presignUrl({ method: c.method, url: c.url }, signOptions);

  // The server sees what the client sends: the signed URL and headers (host included).
  const received = times.map((_, i) => {
    signAt = i;
    const signed = signOne();
    const host = new URL(signed.url).host;
    return { method: c.method, url: signed.url, headers: { host, ...signed.headers } };
  });
  let verifyAt = 0;
  const verifyOptions = {
    lookupCredentials: (accessKeyId: string) => keys.get(accessKeyId),
    service: c.service,
    region: c.region,
    now: () => times[verifyAt] + 1000,
  };
  for (verifyAt = 0; verifyAt < POOL; verifyAt++) {
    const check = verifyRequest(received[verifyAt], verifyOptions);
    if (!check.ok) throw new Error(`bench request does not verify: ${check.code} ${check.message}`);
  }

  const sign = () => {
    signAt = (signAt + 1) % POOL;
    return signOne();
  };
  const verify = () => {
    verifyAt = (verifyAt + 1) % POOL;
    return verifyRequest(received[verifyAt], verifyOptions);
  };
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
