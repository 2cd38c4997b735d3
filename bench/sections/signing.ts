// Signing: ours against aws4, @smithy/signature-v4 and aws4fetch on the same requests, beside
// the raw hashing and HMAC cost that bounds any signer from below.
import { deriveSigningKeyBytes } from '../../packages/sigv4/src/crypto/node-crypto.js';
import { signRequest, presignUrl } from '@iam-bridge/sigv4';
import { credentials, signingCases, signingDate, type SigningCase } from '../cases.js';
import { bareSha256, rawSignatureCost } from '../raw-crypto.js';
import type { BenchRow, SectionResult, TargetCheck } from '../report.js';
import { ours, signers } from '../signers.js';
import { timeSideBySide, type Subject, type TimingOptions } from '../timing.js';

const RAW_FLOOR = 'raw hash+HMAC (node:crypto)';
const BARE_SHA256 = 'bare SHA-256 of the body';

function explanationOf(c: SigningCase) {
  const options = { credentials, region: c.region, service: c.service, date: signingDate };
  return c.expiresIn === undefined
    ? signRequest({ method: c.method, url: c.url, headers: c.headers, body: c.body }, options)
        .explanation
    : presignUrl({ method: c.method, url: c.url }, { ...options, expiresIn: c.expiresIn })
        .explanation;
}

async function timeCase(c: SigningCase, options: TimingOptions): Promise<BenchRow[]> {
  const reference = await ours.prepare(c).signature();
  const subjects: { name: string; subject: Subject; sameSignature?: boolean }[] = [];
  for (const signer of signers) {
    const prepared = signer.prepare(c);
    const sameSignature = (await prepared.signature()) === reference;
    subjects.push({ name: signer.name, subject: prepared, sameSignature });
  }

  const explanation = explanationOf(c);
  const signingKey = deriveSigningKeyBytes(
    credentials.secretAccessKey,
    explanation.amzDate.slice(0, 8),
    c.region,
    c.service,
  );
  const raw = rawSignatureCost({
    body: c.body,
    canonicalRequest: explanation.canonicalRequest,
    stringToSign: explanation.stringToSign,
    signingKey,
  });
  subjects.push({ name: RAW_FLOOR, subject: { run: raw, isAsync: false } });
  if (Buffer.isBuffer(c.body)) {
    subjects.push({ name: BARE_SHA256, subject: { run: bareSha256(c.body), isAsync: false } });
  }

  const timings = await timeSideBySide(
    subjects.map((s) => s.subject),
    options,
  );
  const ourTime = timings[0].microseconds;
  return subjects.map((s, i) => ({
    caseId: c.id,
    caseTitle: c.title,
    subject: s.name,
    timing: timings[i],
    ratioToOurs: timings[i].microseconds / ourTime,
    sameSignature: s.sameSignature,
  }));
}

function targetsFor(c: SigningCase, rows: BenchRow[]): TargetCheck[] {
  const us = (subject: string) => rows.find((r) => r.subject === subject)?.timing.microseconds;
  const ourTime = us(ours.name) as number;
  const bare = us(BARE_SHA256);
  if (bare !== undefined) {
    const ratio = ourTime / bare;
    return [
      {
        name: `${c.id}: ours / ${BARE_SHA256}`,
        measured: ratio,
        target: '<= 1.1',
        met: ratio <= 1.1,
      },
    ];
  }
  const floorRatio = ourTime / (us(RAW_FLOOR) as number);
  const peers = rows.filter((r) => r.sameSignature !== undefined && r.subject !== ours.name);
  const fastestPeer = Math.min(...peers.map((r) => r.timing.microseconds));
  const peerRatio = fastestPeer / ourTime;
  return [
    {
      name: `${c.id}: ours / raw floor`,
      measured: floorRatio,
      target: '<= 1.5',
      met: floorRatio <= 1.5,
    },
    {
      name: `${c.id}: fastest peer / ours`,
      measured: peerRatio,
      target: '>= 2',
      met: peerRatio >= 2,
    },
  ];
}

/**
 * Times every signer on every signing case.
 *
 * @example console.log(formatSection(await signingSection()))
 */
export async function signingSection(options: TimingOptions = {}): Promise<SectionResult> {
  const rows: BenchRow[] = [];
  const targets: TargetCheck[] = [];
  for (const c of signingCases) {
    const caseRows = await timeCase(c, options);
    rows.push(...caseRows);
    targets.push(...targetsFor(c, caseRows));
  }
  return {
    name: 'signing',
    title: 'Signing (microseconds per signature, median of rounds)',
    rows,
    targets,
  };
}
