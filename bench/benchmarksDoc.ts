// Writes a bench's section into docs/benchmarks.md: every bench owns the text between its two
// markers, so benches run in any order (or alone) leave the others' figures as they were.

import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { replaceSection, type SectionMarkers } from './report';

export const BENCHMARKS_DOC = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');

/** Replaces (or appends) the section between `markers` in docs/benchmarks.md. */
export function writeBenchmarksSection(section: string, markers: SectionMarkers): void {
  const existing = fs.existsSync(BENCHMARKS_DOC) ? fs.readFileSync(BENCHMARKS_DOC, 'utf8') : null;
  fs.writeFileSync(BENCHMARKS_DOC, replaceSection(existing, section, markers));
}
