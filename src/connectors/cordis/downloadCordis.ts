// `--download`: the official CORDIS exports of a programme fetched into a folder, streamed to disk
// (a projects zip is some hundreds of megabytes). Without a network, the error names the URL that
// failed and how to download the file by hand.

import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ConnectorInputError } from '../source';
import type { CordisProgrammeKey } from './mapCordis';

/** The export files of each programme under the base URL (the projects zip, then the publications zip). */
export const CORDIS_EXPORT_FILES: Readonly<
  Record<CordisProgrammeKey, { projects: string; publications: string }>
> = {
  horizon: {
    projects: 'cordis-HORIZONprojects-csv.zip',
    publications: 'cordis-HORIZONprojectPublications-csv.zip',
  },
  h2020: {
    projects: 'cordis-h2020projects-csv.zip',
    publications: 'cordis-h2020projectPublications-csv.zip',
  },
};

/** What was downloaded: the files to read, and what could not be had. */
export interface Downloaded {
  files: string[];
  /** The publications export, when it failed: the run goes on without outputs. */
  skipped: string | null;
}

/**
 * Downloads the programme's projects export (required) and publications export (optional) from
 * `baseUrl` into `folder`. Throws ConnectorInputError when the projects export cannot be had.
 */
export async function downloadCordis(
  baseUrl: string,
  programme: CordisProgrammeKey,
  folder: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Downloaded> {
  const names = CORDIS_EXPORT_FILES[programme];
  const projects = await download(
    `${baseUrl}/${names.projects}`,
    path.join(folder, names.projects),
    fetchImpl,
  );
  if (projects !== null)
    throw new ConnectorInputError(
      `could not download ${baseUrl}/${names.projects} (${projects}); download it by hand (a browser, or curl -O with that URL) and run npm run connect -- cordis <the zip>`,
      'DOWNLOAD_FAILED',
    );
  const url = `${baseUrl}/${names.publications}`;
  const publications = await download(url, path.join(folder, names.publications), fetchImpl);
  return {
    files: [
      path.join(folder, names.projects),
      ...(publications === null ? [path.join(folder, names.publications)] : []),
    ],
    skipped: publications === null ? null : `${url} (${publications})`,
  };
}

/** Fetches `url` into `file`; returns null, or why it failed (the partial file removed). */
async function download(url: string, file: string, fetchImpl: typeof fetch): Promise<string | null> {
  try {
    const response = await fetchImpl(url, { redirect: 'follow' });
    if (!response.ok || response.body === null)
      return `HTTP ${response.status} ${response.statusText}`.trim();
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(file));
    return null;
  } catch (error) {
    await fs.rm(file, { force: true });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}
