// The properties every sourced record shares (programmes, funders, calls, projects): where its
// facts come from, how sure they are and the compiler's remarks.

import { boolean, sources, text } from './fields';

export const SOURCES = sources();

export const NOTES = text('notes', "Compiler's remarks.");

export const UNCERTAIN = boolean(
  'uncertain',
  'true when a fact comes from a weak or single source (default false).',
  { present: true },
);
