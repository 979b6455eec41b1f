// publicBaseUrl: PUBLIC_URL first, then a Host header only when it is a plain host, else the
// address the request came in on; a hostile Host is never copied into a URL.

import { isSafeHost, publicBaseUrl } from '../../../src/http/publicUrl';

function request(host: string | undefined, protocol = 'http'): Parameters<typeof publicBaseUrl>[0] {
  return {
    protocol,
    socket: { localAddress: '127.0.0.1', localPort: 4000 } as never,
    header: (name: string) => (name === 'host' ? host : undefined),
  };
}

describe('isSafeHost', () => {
  it.each([
    'localhost',
    'localhost:4000',
    '127.0.0.1:4000',
    'permed.example.org',
    'API.Example.org:443',
    '[::1]:4000',
    '[::1]',
  ])('accepts %s', (host) => expect(isSafeHost(host)).toBe(true));

  it.each([
    'evil.example/path',
    'evil.example?x=1',
    'user@evil.example',
    'evil.example#frag',
    'evil.example:99999',
    'evil.example:80:80',
    'a b',
    '"><script>',
    '',
    '-bad.example',
    `${'a'.repeat(64)}.example`,
    'evil.example\\@good',
  ])('refuses %j', (host) => expect(isSafeHost(host)).toBe(false));
});

describe('publicBaseUrl', () => {
  it('prefers the configured PUBLIC_URL to any Host', () => {
    expect(publicBaseUrl(request('evil.example'), 'https://permed.example.org')).toBe(
      'https://permed.example.org',
    );
  });

  it('uses a plain Host header with the request protocol, lower-cased', () => {
    expect(publicBaseUrl(request('Permed.Example.org:8443', 'https'), null)).toBe(
      'https://permed.example.org:8443',
    );
  });

  it('falls back to the local address when the Host header is missing or not a plain host', () => {
    expect(publicBaseUrl(request(undefined), null)).toBe('http://127.0.0.1:4000');
    expect(publicBaseUrl(request('evil.example/phish?'), null)).toBe('http://127.0.0.1:4000');
  });
});
