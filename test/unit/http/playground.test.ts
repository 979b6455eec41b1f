// Specifies the offline playground as a browser sees it: the page, its same-origin assets,
// the embedded examples, the CSP header, and which requests it leaves to Apollo.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import {
  COMMENT_WIDTH,
  createPlaygroundRouter,
  exampleTabQuery,
  prefersPlayground,
  scriptSafeJson,
  type PlaygroundExample,
  type PlaygroundOptions,
} from '../../../src/http/playground';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const EXAMPLES: PlaygroundExample[] = [
  {
    name: 'Projects by country',
    description: 'Projects with a partner in a country.\nShows the coordinator too.',
    query: 'query ProjectsByCountry($code: String!) { projects(country: $code) { id } }',
    variables: { code: 'DE' },
  },
  {
    name: 'Script breaker',
    description: 'Closes the tag: </script><script>alert(1)</script> <!-- & -->',
    query: 'query ScriptBreaker { search(text: "</script><img src=x onerror=alert(1)> \u2028") { id } }',
  },
];

/** Starts `app` on an ephemeral loopback port and returns its origin. */
async function listen(app: express.Express): Promise<{ origin: string; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, server });
    });
  });
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A stand-in for Apollo behind the playground, so pass-through is visible. */
function appWithPlayground(options: PlaygroundOptions, mountPath = '/'): express.Express {
  const app = express();
  app.use(mountPath, createPlaygroundRouter(options));
  app.use('/', (req, res) => res.status(299).json({ apollo: true, method: req.method }));
  return app;
}

function configBlock(html: string): string {
  const match = /<script type="application\/json" id="playground-config">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no playground-config block in the page');
  return match[1];
}

function referencedUrls(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1] ?? '');
  const styles = [...html.matchAll(/<link\b[^>]*\shref="([^"]*)"/g)].map((m) => m[1] ?? '');
  return { scripts, styles };
}

describe('createPlaygroundRouter', () => {
  let origin: string;
  let server: Server;
  let page: Response;
  let html: string;

  beforeAll(async () => {
    ({ origin, server } = await listen(appWithPlayground({ graphqlPath: '/graphql', examples: EXAMPLES })));
    page = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    html = await page.text();
  });
  afterAll(() => close(server));

  it('when a browser GETs the GraphQL path, then it answers with an HTML page', () => {
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>PerMed Graph playground</title>');
  });

  it('sends a Content-Security-Policy that keeps every load on our origin', () => {
    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    for (const values of directives.values()) {
      expect(values.join(' ')).not.toMatch(/https?:|\*|'unsafe-/);
    }
  });

  it('has no http:// or https:// URL outside comments', () => {
    const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
    expect(withoutComments).not.toMatch(/https?:\/\//i);
  });

  it('has no inline script: every executable <script> has a src', () => {
    const scriptTags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
    for (const attributes of scriptTags) {
      if (/type="application\/json"/.test(attributes)) continue;
      expect(attributes).toMatch(/\ssrc="/);
    }
  });

  it('serves every referenced script and stylesheet from the same server with its content type', async () => {
    const { scripts, styles } = referencedUrls(html);
    expect(scripts.map((url) => url.split('/').pop())).toEqual([
      'react.production.min.js',
      'react-dom.production.min.js',
      'graphiql.min.js',
      'playground.js',
    ]);
    expect(styles.map((url) => url.split('/').pop())).toEqual(['graphiql.min.css', 'playground.css']);
    const expectations = [
      ...scripts.map((url) => [url, /^text\/javascript; charset=utf-8$/] as const),
      ...styles.map((url) => [url, /^text\/css; charset=utf-8$/] as const),
    ];
    for (const [url, contentType] of expectations) {
      expect(url).toMatch(/^\/playground\/assets\/[0-9a-f]{16}\/[\w.-]+$/);
      const response = await fetch(new URL(url, origin), { headers: { 'accept-encoding': 'identity' } });
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(response.headers.get('content-type')).toMatch(contentType);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('serves the real GraphiQL, React and ReactDOM production bundles', async () => {
    const { scripts } = referencedUrls(html);
    const bodies = await Promise.all(scripts.map(async (url) => (await fetch(new URL(url, origin))).text()));
    // Booleans, so that a failure does not print megabytes of minified code.
    const [react = '', reactDom = '', graphiql = ''] = bodies;
    expect(react.includes('react.production.min.js') && react.includes('version="18.')).toBe(true);
    expect(reactDom.includes('react-dom.production.min.js') && reactDom.includes('version="18.')).toBe(true);
    expect(graphiql.includes('window.GraphiQL =')).toBe(true);
    expect(bodies[3]).toContain('GraphiQL.createFetcher');
  });

  it('embeds the examples as tabs with their name and description as leading comments', () => {
    const config = JSON.parse(configBlock(html)) as {
      graphqlUrl: string;
      tabs: { query: string; variables?: string }[];
      storageNamespace: string;
    };
    expect(config.graphqlUrl).toBe('/graphql');
    expect(config.storageNamespace).toMatch(/^permed-graph:[0-9a-f]{12}$/);
    expect(config.tabs).toHaveLength(2);
    const [first, second] = config.tabs;
    expect(first?.query).toBe(
      '# Projects by country\n' +
        '# Projects with a partner in a country.\n' +
        '# Shows the coordinator too.\n\n' +
        'query ProjectsByCountry($code: String!) { projects(country: $code) { id } }\n',
    );
    expect(JSON.parse(first?.variables ?? 'null')).toEqual({ code: 'DE' });
    expect(second?.query).toContain(`# ${EXAMPLES[1]?.description}`);
    expect(second?.query).toContain(EXAMPLES[1]?.query);
    expect(second?.variables).toBeUndefined();
  });

  it('escapes the examples so that "</script>" in them cannot end the data block', () => {
    const block = configBlock(html);
    expect(block).not.toMatch(/[<>]/);
    // The page holds exactly our five script elements; nothing broke out of the data block.
    expect(html.match(/<\/script>/g)).toHaveLength(5);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    const tabs = (JSON.parse(block) as { tabs: { query: string }[] }).tabs;
    expect(tabs[1]?.query).toContain('# Closes the tag: </script><script>alert(1)</script> <!-- & -->\n');
    expect(tabs[1]?.query).toContain('"</script><img src=x onerror=alert(1)> \u2028"');
  });

  it('when the page path is /playground, then it serves the page whatever the Accept header', async () => {
    const response = await fetch(`${origin}/playground`, { headers: { accept: '*/*' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('when a request is not a browser page load, then it passes it on to Apollo', async () => {
    const cases: [string, RequestInit][] = [
      ['/graphql', { headers: { accept: 'application/json' } }],
      ['/graphql', { headers: { accept: '*/*' } }],
      ['/graphql?query=%7B__typename%7D', { headers: { accept: BROWSER_ACCEPT } }],
      [
        '/graphql',
        {
          method: 'POST',
          headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
          body: '{}',
        },
      ],
    ];
    for (const [url, init] of cases) {
      const response = await fetch(`${origin}${url}`, init);
      expect({ url, init, status: response.status }).toEqual({ url, init, status: 299 });
    }
  });

  it('when an asset is asked for with a stale hash or an unknown name, then it does not serve it', async () => {
    const [scriptUrl = ''] = referencedUrls(html).scripts;
    const stale = scriptUrl.replace(/\/[0-9a-f]{16}\//, '/0000000000000000/');
    expect((await fetch(`${origin}${stale}`)).status).toBe(299);
    const unknown = scriptUrl.replace(/[^/]+$/, 'secret.js');
    expect((await fetch(`${origin}${unknown}`)).status).toBe(299);
    const traversal = scriptUrl.replace(/[^/]+$/, '..%2F..%2Fpackage.json');
    expect((await fetch(`${origin}${traversal}`)).status).toBe(299);
  });

  it('gzips assets for clients that accept it and answers revalidation with 304', async () => {
    const graphiqlUrl = referencedUrls(html).scripts.find((url) => url.endsWith('/graphiql.min.js')) ?? '';
    const plain = await fetch(`${origin}${graphiqlUrl}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    // fetch decompresses transparently; the header shows what went over the wire.
    const zipped = await fetch(`${origin}${graphiqlUrl}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(plainBody.length / 2);
    expect(Buffer.from(await zipped.arrayBuffer()).equals(plainBody)).toBe(true);

    const etag = plain.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const revalidated = await fetch(`${origin}${graphiqlUrl}`, {
      // An explicit Cache-Control, because fetch otherwise adds "no-cache", which forbids a 304.
      headers: { 'accept-encoding': 'identity', 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(revalidated.status).toBe(304);
  });
});

describe('createPlaygroundRouter mounted under a prefix', () => {
  it('prefixes the GraphQL URL and every asset URL with the mount path', async () => {
    const { origin, server } = await listen(
      appWithPlayground({ graphqlPath: '/graphql', examples: [], title: 'A <b>title</b>' }, '/api'),
    );
    try {
      const response = await fetch(`${origin}/api/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      const html = await response.text();
      expect(html).toContain('<title>A &#60;b&#62;title&#60;/b&#62;</title>');
      expect((JSON.parse(configBlock(html)) as { graphqlUrl: string; tabs: unknown[] }).graphqlUrl).toBe(
        '/api/graphql',
      );
      const { scripts, styles } = referencedUrls(html);
      for (const url of [...scripts, ...styles]) {
        expect(url.startsWith('/api/playground/assets/')).toBe(true);
        expect((await fetch(`${origin}${url}`)).status).toBe(200);
      }
    } finally {
      await close(server);
    }
  });
});

describe('createPlaygroundRouter options', () => {
  const valid: PlaygroundExample = { name: 'A', description: 'B', query: 'query A { a }' };

  it('throws a TypeError naming a malformed graphqlPath', () => {
    for (const graphqlPath of ['graphql', '/graph:ql', '/graphql/*', '']) {
      expect(() => createPlaygroundRouter({ graphqlPath, examples: [] })).toThrow(
        new TypeError(
          `graphqlPath must be a path like "/graphql" (letters, digits, . _ ~ - /), got "${graphqlPath}"`,
        ),
      );
    }
  });

  it('throws a TypeError naming the example whose query does not parse', () => {
    expect(() =>
      createPlaygroundRouter({
        graphqlPath: '/graphql',
        examples: [valid, { ...valid, name: 'Bad', query: '{ a ' }],
      }),
    ).toThrow(/^examples\[1\] \("Bad"\)\.query is not valid GraphQL: Syntax Error/);
  });

  it('throws a TypeError on a repeated example name', () => {
    expect(() => createPlaygroundRouter({ graphqlPath: '/graphql', examples: [valid, valid] })).toThrow(
      new TypeError('examples[1] ("A"): the name is used by an earlier example'),
    );
  });

  it('throws a TypeError on a missing field or non-object variables', () => {
    const bad = [
      [{ ...valid, description: '' }, 'examples[0].description must be a non-empty string, got ""'],
      [{ ...valid, variables: [1] }, 'examples[0] ("A").variables must be an object, got an array'],
    ] as const;
    for (const [example, message] of bad) {
      expect(() =>
        createPlaygroundRouter({
          graphqlPath: '/graphql',
          examples: [example as unknown as PlaygroundExample],
        }),
      ).toThrow(new TypeError(message));
    }
  });
});

describe('prefersPlayground', () => {
  let origin: string;
  let server: Server;

  beforeAll(async () => {
    const app = express();
    app.all('/graphql', (req, res) => res.json(prefersPlayground(req)));
    ({ origin, server } = await listen(app));
  });
  afterAll(() => close(server));

  async function prefers(init: RequestInit, search = ''): Promise<boolean> {
    const response = await fetch(`${origin}/graphql${search}`, init);
    return (await response.json()) as boolean;
  }

  it('holds for a browser navigation: GET, HTML preferred, no query parameter', async () => {
    expect(await prefers({ headers: { accept: BROWSER_ACCEPT } })).toBe(true);
    expect(await prefers({ headers: { accept: 'text/html' } })).toBe(true);
    expect(await prefers({ headers: { accept: BROWSER_ACCEPT } }, '?query=')).toBe(true);
  });

  it('does not hold for GraphQL over GET, which carries a query parameter', async () => {
    expect(await prefers({ headers: { accept: BROWSER_ACCEPT } }, '?query=%7B__typename%7D')).toBe(false);
  });

  it('does not hold when JSON is acceptable at least as much as HTML (curl, fetch, GraphQL clients)', async () => {
    expect(await prefers({ headers: { accept: '*/*' } })).toBe(false);
    expect(await prefers({ headers: { accept: 'application/json' } })).toBe(false);
    expect(
      await prefers({ headers: { accept: 'application/graphql-response+json, application/json' } }),
    ).toBe(false);
    expect(await prefers({ headers: { accept: 'application/json, text/html' } })).toBe(false);
  });

  it('does not hold for POST', async () => {
    expect(await prefers({ method: 'POST', headers: { accept: BROWSER_ACCEPT } })).toBe(false);
  });
});

describe('exampleTabQuery', () => {
  it('wraps long descriptions into comment lines of at most COMMENT_WIDTH columns', () => {
    const description = `${'word '.repeat(40).trim()}\n\nSee https://example.org/${'x'.repeat(90)} for more.`;
    const text = exampleTabQuery({ name: 'Long', description, query: '{ a }' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# Long');
    expect(lines.slice(1, 4)).toEqual([
      `# ${'word '.repeat(15).trim()}`,
      `# ${'word '.repeat(15).trim()}`,
      `# ${'word '.repeat(10).trim()}`,
    ]);
    expect(lines[4]).toBe('#');
    // A word longer than the width (a URL) is kept whole on its own line.
    expect(lines.slice(5, 8)).toEqual(['# See', `# https://example.org/${'x'.repeat(90)}`, '# for more.']);
    expect(lines.slice(8)).toEqual(['', '{ a }', '']);
    for (const line of lines.slice(1, 5)) expect(line.length).toBeLessThanOrEqual(COMMENT_WIDTH);
  });
});

describe('scriptSafeJson', () => {
  it('writes <, >, &, U+2028 and U+2029 as \\u escapes that JSON.parse reads back', () => {
    const value = { text: '</script><!-- & \u2028\u2029' };
    const json = scriptSafeJson(value);
    expect(json).toBe('{"text":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
