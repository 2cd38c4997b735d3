import { formatCurlCommand } from '../../src/cli/curl-command.js';

/** What a curl command needs: the request as it goes on the wire. */
export interface WireRequest {
  method: string;
  url: string;
  /** Headers to send, lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

/**
 * The CLI's curl command for the signed request. The Host
 * header is left to curl when it matches the URL, since curl sends the same value.
 *
 * @example curlCommand({ method: 'GET', url: 'https://iam.amazonaws.com/?Action=ListUsers',
 *   headers: { authorization: 'AWS4-HMAC-SHA256 ...' } })
 */
export function curlCommand(request: WireRequest): string {
  const urlHost = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(request.url)?.[1]?.toLowerCase();
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      ([name, value]) => !(name === 'host' && value.toLowerCase() === urlHost),
    ),
  );
  return formatCurlCommand({
    method: request.method.toUpperCase(),
    url: request.url,
    headers,
    data: request.body === undefined || request.body === '' ? undefined : request.body,
  });
}
