// The offline GraphiQL playground: the page a browser gets at the GraphQL path, and the
// GraphiQL, React and ReactDOM bundles served from node_modules so that nothing is
// fetched from another host (a Content-Security-Policy of 'self' makes that explicit).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzip } from 'node:zlib';
import express, { type Request, type Response, type Router } from 'express';
import { parse } from 'graphql';

/** A saved operation shown as its own tab when the playground opens. */
export interface PlaygroundExample {
  /** Short name, written as the first comment line of the tab. */
  name: string;
  /** What the example answers, written as comment lines under the name. */
  description: string;
  /**
   * The GraphQL document. Give the operation a name (`query ProjectsByCountry ...`):
   * GraphiQL titles the tab with it, otherwise the tab reads "<untitled>".
   */
  query: string;
  /** Variables pre-filled in the variables editor; must be JSON-serialisable. */
  variables?: Record<string, unknown>;
}

/** Options of {@link createPlaygroundRouter}. */
export interface PlaygroundOptions {
  /**
   * Path of the GraphQL endpoint relative to where the router is mounted, e.g. "/graphql".
   * The page is served there to browsers and GraphiQL posts its operations there.
   */
  graphqlPath: string;
  /** Saved operations, one tab each, in this order. May be empty. */
  examples: readonly PlaygroundExample[];
  /** The page title (default "PerMed Graph playground"). */
  title?: string;
}

/** Where the assets live, relative to the router's mount point. */
export const PLAYGROUND_ASSETS_PATH = '/playground/assets';

/** A path that always answers with the page, whatever the Accept header says. */
export const PLAYGROUND_PAGE_PATH = '/playground';

const DEFAULT_TITLE = 'PerMed Graph playground';

/**
 * The page directives: every load is from our origin, and nothing inline runs. The page
 * passes its settings in a JSON data block, which is not executed; GraphiQL's CSS embeds
 * its fonts as data: URIs, hence `font-src data:`. GraphiQL styles elements through the
 * CSSOM, which CSP allows. The one thing refused is the <style> element react-remove-scroll
 * adds while a dialog is open (it locks page scrolling, and this page never scrolls), so
 * the browser console shows one CSP message per dialog: harmless, and cheaper than
 * 'unsafe-inline'.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A year: asset URLs carry a content hash, so a changed file gets a new URL. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

interface Asset {
  /** File name in the URL, e.g. "graphiql.min.js". */
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** First 16 hex digits of the body's SHA-256: the version segment of the URL. */
  readonly hash: string;
  /** Filled on the first request that accepts gzip; GraphiQL shrinks from 3.5 MB to ~1 MB. */
  gzipped?: Promise<Buffer>;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * Renders GraphiQL from the settings in #playground-config. Served as a file rather than
 * inlined so that script-src stays 'self' with no nonce or hash to keep in step.
 */
const BOOTSTRAP_JS = `// PerMed Graph playground bootstrap: renders GraphiQL with the settings the page embeds.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var fetcher = GraphiQL.createFetcher({
    url: config.graphqlUrl,
    // graphql 16 has no @defer/@stream, so plain JSON requests are all we need.
    enableIncrementalDelivery: false
  });
  var storage = GraphiQL.createLocalStorage({ namespace: config.storageNamespace });
  var props = {
    fetcher: fetcher,
    defaultTabs: config.tabs,
    // A namespace per example set: when the examples change, visitors see the new tabs
    // instead of the ones stored from their last visit.
    storage: storage,
    defaultEditorToolsVisibility: 'variables',
    inputValueDeprecation: true,
    schemaDescription: true,
    shouldPersistHeaders: false
  };
  // GraphiQL 3.8 loads the first default tab's query into the editors but not its
  // variables. On a first visit (no stored tabs) hand both over as props; later visits
  // must not get them, or GraphiQL would open a copy of the first example instead of
  // restoring the tab the visitor left.
  var first = config.tabs[0];
  // A link such as /playground?query=...&variables=... (the explorer's "query" links) opens
  // that operation; GraphiQL selects the tab holding it or adds one.
  var linked = new URLSearchParams(window.location.search);
  if (linked.get('query')) {
    props.query = linked.get('query');
    if (linked.get('variables')) props.variables = linked.get('variables');
  } else if (first && storage.getItem('graphiql:tabState') === null) {
    props.query = first.query;
    if (first.variables !== undefined) props.variables = first.variables;
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
`;

/**
 * GraphiQL needs a sized container; kept out of the HTML so style-src needs no inline.
 * No overflow:hidden on body: react-remove-scroll-bar measures the scrollbar there.
 */
const PAGE_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
.playground-loading { font: 16px system-ui, sans-serif; padding: 2rem; color: #555; }
`;

let vendorAssets: readonly Asset[] | undefined;

/**
 * Creates the router that serves the playground. Mount it before Apollo's middleware:
 * it answers GET `graphqlPath` only when {@link prefersPlayground} holds and passes every
 * other request on, so GraphQL over GET and POST still reach Apollo. It also serves the
 * page at {@link PLAYGROUND_PAGE_PATH} and its assets under {@link PLAYGROUND_ASSETS_PATH}.
 * The page and asset URLs honour the mount point (req.baseUrl).
 * @throws TypeError when an option is malformed or an example does not parse as GraphQL.
 * @throws Error when graphiql, react or react-dom cannot be found in node_modules.
 */
export function createPlaygroundRouter(options: PlaygroundOptions): Router {
  const { graphqlPath, examples, title } = validateOptions(options);
  const assets = [
    ...loadVendorAssets(),
    makeAsset('playground.js', JS, Buffer.from(BOOTSTRAP_JS)),
    makeAsset('playground.css', CSS, Buffer.from(PAGE_CSS)),
  ];
  const byName = new Map(assets.map((asset) => [asset.name, asset]));
  const tabs = examples.map(exampleTab);
  // Fingerprint the tabs so the browser-side storage namespace changes with them.
  const storageNamespace = `permed-graph:${sha256(JSON.stringify(tabs)).slice(0, 12)}`;

  const sendPage = (req: Request, res: Response): void => {
    const base = req.baseUrl;
    const assetUrl = (name: string): string => {
      const asset = byName.get(name);
      if (asset === undefined) throw new Error(`unknown playground asset ${name}`);
      return `${base}${PLAYGROUND_ASSETS_PATH}/${asset.hash}/${asset.name}`;
    };
    const html = renderPage({
      title,
      assetUrl,
      config: { graphqlUrl: `${base}${graphqlPath}`, tabs, storageNamespace },
    });
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PLAYGROUND_CSP,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // The content depends on Accept at the GraphQL path: caches must not mix the two.
      Vary: 'Accept',
    });
    res.send(html);
  };

  const router = express.Router();
  router.get(graphqlPath, (req, res, next) => {
    if (prefersPlayground(req)) sendPage(req, res);
    else next();
  });
  router.get(PLAYGROUND_PAGE_PATH, sendPage);
  router.get(`${PLAYGROUND_ASSETS_PATH}/:hash/:name`, (req, res, next) => {
    const asset = byName.get(req.params.name);
    // A stale hash (a page cached from an older release) must not get today's file under
    // a year-long cache header; a 404 makes the reload fetch a fresh page.
    if (asset === undefined || asset.hash !== req.params.hash) {
      next();
      return;
    }
    sendAsset(req, res, asset).catch(next);
  });
  return router;
}

/**
 * Whether a request to the GraphQL path should get the playground rather than Apollo:
 * a GET (or HEAD) without a `query` parameter from a client that prefers HTML to JSON.
 * "Prefers" is stricter than `req.accepts('html')`, which also holds for `Accept: *\/*`
 * (curl, fetch): those clients keep getting Apollo's answers.
 */
export function prefersPlayground(req: Pick<Request, 'method' | 'accepts' | 'query'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const query: unknown = req.query['query'];
  if (query !== undefined && query !== '') return false;
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * The text of an example's tab: name and description as leading comments, wrapped at
 * {@link COMMENT_WIDTH} columns because the editor does not wrap lines, then the query.
 */
export function exampleTabQuery(example: PlaygroundExample): string {
  const comment = (text: string): string =>
    text
      .split(/\r\n|\r|\n/)
      .flatMap((line) =>
        line.trim() === '' ? ['#'] : wrap(line.trim(), COMMENT_WIDTH - 2).map((part) => `# ${part}`),
      )
      .join('\n');
  return `${comment(example.name)}\n${comment(example.description)}\n\n${example.query.trim()}\n`;
}

/** Width of the comment lines in a tab, "# " included. */
export const COMMENT_WIDTH = 80;

/** Greedy word wrap; a word longer than `width` (a URL, say) stays whole on its own line. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` are written as
 * \u escapes so that neither "</script>" nor "<!--" in the data can end the element, and
 * U+2028/U+2029 likewise for old JavaScript parsers. JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

interface TabDefinition {
  query: string;
  variables?: string;
}

function exampleTab(example: PlaygroundExample): TabDefinition {
  const tab: TabDefinition = { query: exampleTabQuery(example) };
  if (example.variables !== undefined) tab.variables = JSON.stringify(example.variables, null, 2);
  return tab;
}

interface PageInput {
  title: string;
  assetUrl: (name: string) => string;
  config: { graphqlUrl: string; tabs: TabDefinition[]; storageNamespace: string };
}

function renderPage({ title, assetUrl, config }: PageInput): string {
  const attr = (url: string): string => escapeHtml(url);
  // Scripts go at the end of <body> in dependency order: React, ReactDOM, GraphiQL (which
  // expects both as globals), then our bootstrap.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${attr(assetUrl('graphiql.min.css'))}">
<link rel="stylesheet" href="${attr(assetUrl('playground.css'))}">
<script type="application/json" id="playground-config">${scriptSafeJson(config)}</script>
</head>
<body>
<div id="graphiql"><p class="playground-loading">Loading the playground…</p></div>
<noscript><p class="playground-loading">The playground needs JavaScript. GraphQL requests can still be sent to ${escapeHtml(config.graphqlUrl)} with POST.</p></noscript>
<script src="${attr(assetUrl('react.production.min.js'))}"></script>
<script src="${attr(assetUrl('react-dom.production.min.js'))}"></script>
<script src="${attr(assetUrl('graphiql.min.js'))}"></script>
<script src="${attr(assetUrl('playground.js'))}"></script>
</body>
</html>
`;
}

async function sendAsset(req: Request, res: Response, asset: Asset): Promise<void> {
  res.set({
    'Content-Type': asset.contentType,
    'Cache-Control': IMMUTABLE_CACHE,
    'X-Content-Type-Options': 'nosniff',
    ETag: `"${asset.hash}"`,
    Vary: 'Accept-Encoding',
  });
  // res.send answers 304 itself when If-None-Match matches the ETag set here.
  if (req.acceptsEncodings(['gzip', 'identity']) === 'gzip') {
    asset.gzipped ??= gzipAsync(asset.body);
    const body = await asset.gzipped;
    res.set('Content-Encoding', 'gzip');
    // ETags name a representation: the gzipped bytes get their own.
    res.set('ETag', `"${asset.hash}-gz"`);
    res.send(body);
    return;
  }
  res.send(asset.body);
}

function gzipAsync(body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gzip(body, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** The third-party bundles, read once per process: they only change with node_modules. */
function loadVendorAssets(): readonly Asset[] {
  vendorAssets ??= [
    makeAsset('react.production.min.js', JS, readPackageFile('react', 'umd/react.production.min.js')),
    makeAsset(
      'react-dom.production.min.js',
      JS,
      readPackageFile('react-dom', 'umd/react-dom.production.min.js'),
    ),
    makeAsset('graphiql.min.js', JS, readPackageFile('graphiql', 'graphiql.min.js')),
    makeAsset('graphiql.min.css', CSS, readPackageFile('graphiql', 'graphiql.min.css')),
  ];
  return vendorAssets;
}

/**
 * Reads a file of an installed package. Resolves `<pkg>/package.json` because React's
 * "exports" map hides its umd/ folder from require.resolve; works from src/ and dist/.
 */
function readPackageFile(pkg: string, file: string): Buffer {
  let root: string;
  try {
    root = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch (cause) {
    throw new Error(`The playground needs the npm package "${pkg}"; run npm ci`, { cause });
  }
  const full = path.join(root, file);
  try {
    return readFileSync(full);
  } catch (cause) {
    throw new Error(`The playground needs ${full} (package "${pkg}"); is the right version installed?`, {
      cause,
    });
  }
}

function makeAsset(name: string, contentType: string, body: Buffer): Asset {
  return { name, contentType, body, hash: sha256(body).slice(0, 16) };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function validateOptions(options: PlaygroundOptions): Required<PlaygroundOptions> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`createPlaygroundRouter expects an options object, got ${describe(options)}`);
  }
  const { graphqlPath, examples, title = DEFAULT_TITLE } = options;
  // Restricted to plain path characters because the router uses it as a route pattern.
  if (typeof graphqlPath !== 'string' || !/^\/[A-Za-z0-9._~/-]*$/.test(graphqlPath)) {
    throw new TypeError(
      `graphqlPath must be a path like "/graphql" (letters, digits, . _ ~ - /), got ${describe(graphqlPath)}`,
    );
  }
  if (typeof title !== 'string') {
    throw new TypeError(`title must be a string, got ${describe(title)}`);
  }
  if (!Array.isArray(examples)) {
    throw new TypeError(`examples must be an array, got ${describe(examples)}`);
  }
  const names = new Set<string>();
  examples.forEach((example: unknown, index) => validateExample(example, index, names));
  return { graphqlPath, examples, title };
}

function validateExample(example: unknown, index: number, names: Set<string>): void {
  const where = `examples[${index}]`;
  if (example === null || typeof example !== 'object') {
    throw new TypeError(`${where} must be an object, got ${describe(example)}`);
  }
  const { name, description, query, variables } = example as Record<string, unknown>;
  for (const [field, value] of [
    ['name', name],
    ['description', description],
    ['query', query],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TypeError(`${where}.${field} must be a non-empty string, got ${describe(value)}`);
    }
  }
  const label = `${where} ("${String(name)}")`;
  if (names.has(name as string)) throw new TypeError(`${label}: the name is used by an earlier example`);
  names.add(name as string);
  const isObject = variables !== null && typeof variables === 'object' && !Array.isArray(variables);
  if (variables !== undefined && !isObject) {
    throw new TypeError(`${label}.variables must be an object, got ${describe(variables)}`);
  }
  try {
    JSON.stringify(variables);
  } catch (cause) {
    throw new TypeError(`${label}.variables must be JSON-serialisable: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    // Fail at start-up rather than in a visitor's tab.
    parse(query as string);
  } catch (cause) {
    throw new TypeError(`${label}.query is not valid GraphQL: ${(cause as Error).message}`, { cause });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value;
}
