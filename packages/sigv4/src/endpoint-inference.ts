/** Service and region a host name implies. */
export interface InferredScope {
  service?: string;
  region?: string;
}

// Global endpoints whose signing region is fixed by the partition, not by the host name.
const GLOBAL_ENDPOINTS: Record<string, InferredScope> = {
  'iam.amazonaws.com': { service: 'iam', region: 'us-east-1' },
  'iam-fips.amazonaws.com': { service: 'iam', region: 'us-east-1' },
  'iam.global.api.aws': { service: 'iam', region: 'us-east-1' },
  'iam.cn-north-1.amazonaws.com.cn': { service: 'iam', region: 'cn-north-1' },
  'iam.us-gov.amazonaws.com': { service: 'iam', region: 'us-gov-west-1' },
  'iam.us-gov-west-1.amazonaws.com': { service: 'iam', region: 'us-gov-west-1' },
  'sts.amazonaws.com': { service: 'sts', region: 'us-east-1' },
  's3.amazonaws.com': { service: 's3', region: 'us-east-1' },
  'route53.amazonaws.com': { service: 'route53', region: 'us-east-1' },
  'cloudfront.amazonaws.com': { service: 'cloudfront', region: 'us-east-1' },
  'organizations.us-east-1.amazonaws.com': { service: 'organizations', region: 'us-east-1' },
  'iam.us-gov.api.aws': { service: 'iam', region: 'us-gov-west-1' },
  'route53.us-gov.amazonaws.com': { service: 'route53', region: 'us-gov-west-1' },
  'route53.amazonaws.com.cn': { service: 'route53', region: 'cn-northwest-1' },
};

// Endpoint prefixes whose signing name is not their last label, as AWS's service models
// give them (bedrock-runtime signs as bedrock, queue.amazonaws.com as sqs); up to three
// labels, looked up longest first (sms-voice.pinpoint before pinpoint).
const SIGNING_NAMES: Record<string, string> = {
  // Dual-stack (api.aws) and other prefixes the service models do not list as endpoint
  // prefixes, and Amazon Location's three APIs.
  aos: 'es',
  efs: 'elasticfilesystem',
  'kafka-api': 'kafka',
  'streams-dynamodb': 'dynamodb',
  'timestream-ingest': 'timestream',
  'timestream-query': 'timestream',
  's3express-control': 's3express',
  'maps.geo': 'geo-maps',
  'places.geo': 'geo-places',
  'routes.geo': 'geo-routes',
  'api.tunneling.iot': 'IoTSecuredTunneling',
  'agreement-marketplace': 'aws-marketplace',
  appconfigdata: 'appconfig',
  appstream2: 'appstream',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'bedrock-agentcore-control': 'bedrock-agentcore',
  'bedrock-data-automation': 'bedrock',
  'bedrock-data-automation-runtime': 'bedrock',
  'bedrock-runtime': 'bedrock',
  'cassandra-streams': 'cassandra',
  'catalog.marketplace': 'aws-marketplace',
  cloudhsmv2: 'cloudhsm',
  cloudsearchdomain: 'cloudsearch',
  'contact-lens': 'connect',
  'data-ats.iot': 'iotdata',
  'data-signer': 'signer',
  'data.iot': 'iotdata',
  'data.iotevents': 'ioteventsdata',
  'data.jobs.iot': 'iot-jobs-data',
  'deployment-marketplace': 'aws-marketplace',
  'discovery-marketplace': 'aws-marketplace',
  email: 'ses',
  'entitlement.marketplace': 'aws-marketplace',
  forecastquery: 'forecast',
  'identity-chime': 'chime',
  ivsrealtime: 'ivs',
  'lambda-url': 'lambda',
  'mail-manager': 'ses',
  'media-pipelines-chime': 'chime',
  'meetings-chime': 'chime',
  'memory-db': 'memorydb',
  'messaging-chime': 'chime',
  'metering.marketplace': 'aws-marketplace',
  'migrationhub-config': 'mgh',
  'models-v2-lex': 'lex',
  oidc: 'sso-oauth',
  'participant.connect': 'execute-api',
  'personalize-events': 'personalize',
  'personalize-runtime': 'personalize',
  pinpoint: 'mobiletargeting',
  'portal.sso': 'awsssoportal',
  queue: 'sqs',
  'reporting-marketplace': 'aws-marketplace',
  'runtime-v2-lex': 'lex',
  's3-control': 's3',
  'servicecatalog-appregistry': 'servicecatalog',
  'sms-voice.pinpoint': 'sms-voice',
  'voice-chime': 'chime',
};

// Services whose hosts put a customer's name first and the service after the region:
// search-<domain>.<region>.es.amazonaws.com, <collection>.<region>.aoss.amazonaws.com.
const SERVICE_AFTER_REGION = new Set(['es', 'aoss', 'queue']);

// S3 endpoints that sign with a name of their own, not `s3`.
const S3_SIGNING_NAMES = new Set(['s3-outposts', 's3-object-lambda']);

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

/**
 * Infers the signing service and region from an AWS host name; returns `{}` for other hosts.
 * A label in front of the service's own (an API id, a bucket, `runtime.`) is the customer's
 * or the endpoint's, not the service: `abc123.execute-api.eu-west-1.amazonaws.com` signs
 * for `execute-api`, `<id>.lambda-url.<region>.on.aws` for `lambda`.
 *
 * @example inferScope('iam.amazonaws.com') // { service: 'iam', region: 'us-east-1' }
 * @example inferScope('sts.eu-west-1.amazonaws.com') // { service: 'sts', region: 'eu-west-1' }
 */
export function inferScope(host: string): InferredScope {
  const hostname = host.toLowerCase().replace(/:\d+$/, '');
  const global = GLOBAL_ENDPOINTS[hostname];
  if (global) return { ...global };

  const match =
    /^(.*)\.(amazonaws\.com(?:\.cn)?|api\.aws|on\.aws|api\.amazonwebservices\.com\.cn)$/.exec(
      hostname,
    );
  if (!match) return {};
  // FIPS endpoints sign as their service (data.iot-fips is data.iot).
  const labels = match[1].split('.').map((label) => label.replace(/-fips$/, ''));

  // S3 virtual-hosted and path-style forms: bucket.s3.region, s3.region, s3-region, bucket.s3.
  const s3 = labels.findIndex(
    (l) => (l === 's3' || l.startsWith('s3-')) && !S3_SIGNING_NAMES.has(l),
  );
  if (s3 !== -1) {
    const label = labels[s3];
    const dashed =
      label.startsWith('s3-') && REGION.test(label.slice(3)) ? label.slice(3) : undefined;
    const next = labels.slice(s3 + 1).find((l) => REGION.test(l));
    return { service: 's3', region: dashed ?? next ?? 'us-east-1' };
  }

  const regionIndex = labels.findIndex((l) => REGION.test(l));
  const region = regionIndex === -1 ? 'us-east-1' : labels[regionIndex];
  const after = regionIndex === -1 ? undefined : labels[regionIndex + 1];
  if (after !== undefined && SERVICE_AFTER_REGION.has(after)) {
    return { service: SIGNING_NAMES[after] ?? after, region };
  }

  let before = regionIndex === -1 ? labels : labels.slice(0, regionIndex);
  // <service>.global.api.aws: global endpoints sign for us-east-1.
  if (before.length > 1 && before[before.length - 1] === 'global') before = before.slice(0, -1);
  const label = before[before.length - 1] ?? '';
  const service =
    SIGNING_NAMES[before.slice(-3).join('.')] ??
    SIGNING_NAMES[before.slice(-2).join('.')] ??
    SIGNING_NAMES[label] ??
    // S3 Express zonal endpoints: s3express-usw2-az1.
    (label.startsWith('s3express-') ? 's3express' : label);
  return service ? { service, region } : { region };
}
