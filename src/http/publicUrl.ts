// The base of the absolute URLs the server writes (downloadUrl, the landing page's links):
// PUBLIC_URL when configured, else the request's Host when it is a plain host name or
// address with an optional port, else the address the request arrived at. A Host header
// is never copied into a URL unchecked.

import type { Request } from 'express';

// A DNS name (labels of letters, digits and inner hyphens), an IPv4 address or a bracketed
// IPv6 address, and an optional port: nothing that could end the authority (/, ?, #, @, \).
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const SAFE_HOST = new RegExp(
  String.raw`^(?:${LABEL}(?:\.${LABEL})*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$`,
  'i',
);

/** True when `host` (a Host header) may be written into a URL. */
export function isSafeHost(host: string): boolean {
  if (host.length > 260 || !SAFE_HOST.test(host)) return false;
  const port = /:(\d+)$/.exec(host.startsWith('[') ? host.slice(host.indexOf(']')) : host)?.[1];
  return port === undefined || Number(port) <= 65535;
}

/**
 * The URL base (scheme, host, port and any path prefix, without a trailing slash) of
 * `req`. `configured` is PUBLIC_URL (already validated by config), which wins.
 */
export function publicBaseUrl(
  req: Pick<Request, 'protocol' | 'socket'> & { header(name: string): string | undefined },
  configured: string | null,
): string {
  if (configured !== null) return configured;
  const host = req.header('host');
  if (host !== undefined && isSafeHost(host)) return `${req.protocol}://${host.toLowerCase()}`;
  const address = req.socket.localAddress ?? '127.0.0.1';
  const port = req.socket.localPort ?? 80;
  return `${req.protocol}://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
