// Types of wink-porter2-stemmer, which ships none: one function from a lower-case word to its stem.

declare module 'wink-porter2-stemmer' {
  /** The Porter2 (English Snowball) stem of a lower-case word, e.g. "economics" -> "econom". */
  function stem(word: string): string;
  export = stem;
}
