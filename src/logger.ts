// The structured log: pino writing one JSON line per event on stderr, filtered by level, with
// credentials redacted, behind a four-method Logger so that call sites name the event first.

import pino from 'pino';
import type { LogLevel } from './config';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line, e.g. the request id. */
  child(fields: Record<string, unknown>): Logger;
}

/** What stands in a line where a credential was. */
export const REDACTED = '[redacted]';

/** Fields that hold a credential whatever their value (node lower-cases header names). */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'secret',
  'token',
  'apiKey',
  'jwt',
  'jwtSecret',
];
/** pino redact paths: each field at the top of a line, one level down, and in a headers object there. */
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [
  `["${field}"]`,
  `*["${field}"]`,
  `*.headers["${field}"]`,
]);

/**
 * Credentials inside strings (an error message, a URI), replaced in the finished line. None
 * of the patterns can match a quote, so the line stays valid JSON.
 */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // A JWS/JWT: base64url of '{"' starts its header, then payload and signature.
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, REDACTED],
  // An API key (src/auth/apiKeyToken.ts): the id names the key in lists, the secret goes.
  [/\b(pmg_[a-f0-9]{16}_)[\w-]+/g, `$1${REDACTED}`],
  // An Authorization header value written into a message.
  [/\b(Bearer|Basic) [\w.~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // The password of a URI such as bolt://neo4j:secret@db:7687 (JSON escapes kept whole).
  [/\b([a-z][a-z\d+.-]*:\/\/[^\s:@/"\\]*):(?:\\.|[^\s@/"\\])*@/gi, `$1:${REDACTED}@`],
];

/** Removes every credential pattern from a finished log line. */
export function redactSecrets(line: string): string {
  let clean = line;
  for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
  return clean;
}

/**
 * Writes JSON lines at or above `level`, `{"level","time",...child fields,...fields,"message"}`,
 * to `write` (one line without its newline; tests capture them) or else synchronously to stderr,
 * so that the last line before process.exit is never lost.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination: pino.DestinationStream = write
    ? { write: (chunk) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ dest: 2, sync: true });
  return adapt(
    pino(
      {
        level,
        base: null, // no pid and hostname on every line
        messageKey: 'message',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACT_PATHS, censor: REDACTED },
        hooks: { streamWrite: redactSecrets },
      },
      destination,
    ),
  );
}

function adapt(log: pino.Logger): Logger {
  return {
    debug: (message, fields = {}) => log.debug(fields, message),
    info: (message, fields = {}) => log.info(fields, message),
    warn: (message, fields = {}) => log.warn(fields, message),
    error: (message, fields = {}) => log.error(fields, message),
    child: (fields) => adapt(log.child(fields)),
  };
}

/** A logger that discards everything (tests). */
export const silentLogger: Logger = adapt(pino({ enabled: false }));
