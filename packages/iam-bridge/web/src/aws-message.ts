/** What a SignatureDoesNotMatch answer (or a pasted string) says AWS computed. */
export interface AwsStrings {
  canonicalRequest?: string;
  stringToSign?: string;
}

const CANONICAL_MARK = /Canonical String for this request should have been\s*'/i;
const STRING_TO_SIGN_MARK = /String-to-Sign should have been\s*'/i;
const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Finds the canonical request and string to sign in what a person pasted: the whole AWS error
 * message (Query/JSON services quote them after "should have been"; S3 puts them in
 * `<CanonicalRequest>` and `<StringToSign>`), or just one of the two strings.
 *
 * @example readAwsMessage("...The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n...'")
 * // { stringToSign: 'AWS4-HMAC-SHA256\n...' }
 */
export function readAwsMessage(pasted: string): AwsStrings {
  let text = pasted.replace(/\r\n?/g, '\n');
  text = unwrapJson(text);
  if (/<(Error|Message|Code|CanonicalRequest|StringToSign)>/.test(text)) {
    const s3 = {
      canonicalRequest: element(text, 'CanonicalRequest'),
      stringToSign: element(text, 'StringToSign'),
    };
    if (s3.canonicalRequest !== undefined || s3.stringToSign !== undefined) return s3;
    text = decodeEntities(element(text, 'Message') ?? text);
  }

  const canonical = CANONICAL_MARK.exec(text);
  const toSign = STRING_TO_SIGN_MARK.exec(text);
  if (canonical === null && toSign === null) return classify(text.trim());

  const found: AwsStrings = {};
  if (canonical !== null) {
    const start = canonical.index + canonical[0].length;
    const limit = toSign !== null && toSign.index > start ? toSign.index : text.length;
    found.canonicalRequest = quoted(text, start, limit);
  }
  if (toSign !== null) {
    const start = toSign.index + toSign[0].length;
    const limit = canonical !== null && canonical.index > start ? canonical.index : text.length;
    found.stringToSign = quoted(text, start, limit);
  }
  return found;
}

// A quoted string ends at the last quote before the next marker: the string itself may hold
// quotes (header values), but the message puts nothing but white space after its closing quote.
function quoted(text: string, start: number, limit: number): string {
  const end = text.lastIndexOf("'", limit - 1);
  const value = end > start ? text.slice(start, end) : text.slice(start, limit).trimEnd();
  return value.includes('\n') ? value : value.replace(/\\n/g, '\n');
}

function classify(text: string): AwsStrings {
  const value = text.replace(/^'([\s\S]*)'$/, '$1');
  if (value === '') return {};
  return value.startsWith('AWS4-') ? { stringToSign: value } : { canonicalRequest: value };
}

function unwrapJson(text: string): string {
  if (!text.trimStart().startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const message = parsed.message ?? parsed.Message ?? parsed.errorMessage;
    return typeof message === 'string' ? message : text;
  } catch {
    return text;
  }
}

function element(text: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text);
  return match ? decodeEntities(match[1]) : undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
