// Serves the browser explorer (/explore): the page, its bundle and the render benchmark page,
// built by `npm run build:explorer` into dist/explorer. Nothing is loaded from another host.

import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../config';

export const EXPLORER_PATH = '/explore';

/** Where `npm run build:explorer` writes the bundle. */
export const EXPLORER_DIST = path.join(PROJECT_ROOT, 'dist', 'explorer');

/**
 * Everything from our origin. The ForceAtlas2 layout runs in a worker that
 * graphology-layout-forceatlas2 creates from a blob: URL, hence worker-src blob:. Leaflet and
 * sigma style elements through the CSSOM, which style-src 'self' allows.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES: Record<string, string> = { '': 'index.html', '/': 'index.html', '/bench.html': 'bench.html' };

/** The explorer's router; when the bundle is missing its pages answer 503 with the command to run. */
export function createExplorerRouter(distDir: string = EXPLORER_DIST): Router {
  const router = express.Router();
  const headers = {
    'Content-Security-Policy': EXPLORER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  router.get([EXPLORER_PATH, `${EXPLORER_PATH}/`, `${EXPLORER_PATH}/bench.html`], (req, res) => {
    const page = PAGES[req.path.slice(EXPLORER_PATH.length)] ?? 'index.html';
    const file = path.join(distDir, page);
    if (!fs.existsSync(file)) {
      res.status(503).json({
        errors: [
          {
            message:
              'The explorer is not built on this server: run `npm run build:explorer` (npm start does it).',
            extensions: { code: 'EXPLORER_NOT_BUILT' },
          },
        ],
      });
      return;
    }
    res.set({ ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.send(fs.readFileSync(file));
  });
  router.use(
    `${EXPLORER_PATH}/assets`,
    express.static(path.join(distDir, 'assets'), {
      fallthrough: true,
      index: false,
      dotfiles: 'ignore',
      setHeaders: (res) => res.set(headers),
    }),
  );
  return router;
}
