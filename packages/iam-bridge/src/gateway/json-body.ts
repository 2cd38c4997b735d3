import type { FastifyInstance, FastifyRequest } from 'fastify';

import { GatewayError } from './errors.js';

/** How deep a JSON body may nest: far past any real request, far short of the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Replaces fastify's JSON parser with one that keeps its prototype-poisoning refusals and
 * adds these rules:
 * - a charset other than UTF-8 is a 415 (it would be decoded into replacement characters);
 * - an empty body is no body, for routes that take none (a client that always sends
 *   `Content-Type: application/json` may still DELETE) or whose fields are all optional;
 * - a body nested deeper than {@link MAX_JSON_DEPTH} levels is refused before it is parsed,
 *   so that no later step (validation, fingerprints, audit) overflows the stack on it;
 * - text that is not JSON is a 400 naming why, without quoting the text back.
 *
 * @example registerJsonParser(app);
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parseDefault = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const refusal = charsetRefusal(request, 'JSON');
      if (refusal) return done(refusal, undefined);
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        if (!needsBody(request)) return done(null, undefined);
        return done(new GatewayError('MalformedJson', 400, 'The JSON body is empty.'), undefined);
      }
      const tooDeep = jsonDepthOver(text, MAX_JSON_DEPTH);
      if (tooDeep) {
        return done(
          new GatewayError(
            'MalformedJson',
            400,
            `The JSON body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`,
          ),
          undefined,
        );
      }
      parseDefault(request, text, (error, value) => {
        if ((error as { code?: string } | null)?.code !== 'FST_ERR_CTP_INVALID_JSON_BODY') {
          return done(error, value);
        }
        done(
          new GatewayError(
            'MalformedJson',
            400,
            `The body is not valid JSON: ${whyNotJson(text)}.`,
          ),
          undefined,
        );
      });
    },
  );
}

/**
 * Lets a route whose body is all optional (rotate an access key, call an IAM action that
 * takes no input) be called with no body at all, as `curl -X POST` sends: the body is `{}`.
 *
 * @example app.addHook('preValidation', emptyBodyAsObject);
 */
export function emptyBodyAsObject(
  request: FastifyRequest,
  _reply: unknown,
  done: (error?: Error) => void,
): void {
  if (request.body === undefined && bodySchemaOf(request) !== undefined && !needsBody(request)) {
    request.body = {};
  }
  done();
}

function bodySchemaOf(request: FastifyRequest): { type?: unknown; required?: unknown } | undefined {
  return request.routeOptions.schema?.body as { type?: unknown; required?: unknown } | undefined;
}

// A route needs a body when its schema names a field that must be there.
function needsBody(request: FastifyRequest): boolean {
  const schema = bodySchemaOf(request);
  if (schema === undefined) return false;
  if (schema.type !== 'object') return true;
  return Array.isArray(schema.required) && schema.required.length > 0;
}

/**
 * Whether JSON text nests `[` and `{` deeper than `limit`, read in one pass that skips
 * strings; text shorter than the limit cannot, and is not read at all.
 *
 * @example jsonDepthOver('[[[1]]]', 2) // true
 */
export function jsonDepthOver(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character; a quote ends the string.
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}

// V8's reason a text is not JSON, without the copy of the text it quotes back ("Unexpected
// token '}', "{"a":}" is not valid JSON", or a piece of it: ..."a":Hunter2"...): the caller
// has it, and it may hold a password.
function whyNotJson(text: string): string {
  try {
    JSON.parse(text);
    // It parses: fastify's parser refused it for a key that could poison prototypes.
    return 'a "__proto__" or "constructor" key is refused';
  } catch (error) {
    return withoutQuotedText(String((error as Error).message));
  }
}

/**
 * A JSON.parse message without the piece of the input V8 quotes in it.
 *
 * @example withoutQuotedText('Unexpected token \'}\', "{"a":}" is not valid JSON') // "Unexpected token '}'"
 */
export function withoutQuotedText(message: string): string {
  return message.replace(/,\s*(\.\.\.)?".*"(\.\.\.)?\s*is not valid JSON$/s, '');
}

/**
 * The 415 for a body whose Content-Type names a charset other than UTF-8, which the gateway
 * would otherwise decode as UTF-8 into replacement characters; undefined when it is UTF-8 or
 * unnamed.
 *
 * @example charsetRefusal(request, 'CSV') // GatewayError 415 for `text/csv; charset=latin1`
 */
export function charsetRefusal(request: FastifyRequest, kind: string): GatewayError | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '');
  if (!charset || /^utf-?8$/i.test(charset[1])) return undefined;
  return new GatewayError(
    'UnsupportedMediaType',
    415,
    `${kind} is read as UTF-8; charset ${charset[1]} is not accepted.`,
  );
}
