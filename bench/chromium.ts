// Headless Chromium for the explorer tests and benchmark (bench/explorer.ts): Debian's chromium driven by
// playwright-core (no browser download). Finds the binary, or installs Debian's package when
// running as root where apt-get exists (as CI does), or says what to install.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium binary, installing Debian's `chromium` package once when it is missing and we may. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'The explorer tests need Chromium: install it (Debian/Ubuntu: `apt-get install chromium`).',
    );
  }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!installed) throw new Error('apt-get installed chromium but no chromium binary was found');
  return installed;
}

/**
 * Launches headless Chromium with its background networking off (this machine's closed
 * network refuses it) and WebGL from SwiftShader, which sigma.js needs without a GPU.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}
