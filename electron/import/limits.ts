/** Limits on what the importer will read (documented in README.md). */
export const LIMITS = {
  /** Files larger than this are refused before they are read. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Entries in a zip package (a real .docx has a few dozen). */
  maxZipEntries: 2_000,
  /** Total uncompressed size of the entries read from a package, declared and actual. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Largest single uncompressed entry. */
  maxEntryBytes: 100 * 1024 * 1024,
  /** Largest compression ratio (uncompressed / compressed) of an entry bigger than 1 MB. */
  maxRatio: 200,
  /** Rows read from one table or sheet. */
  maxRows: 100_000,
  /** Columns read from one table or sheet. */
  maxColumns: 200,
  /** How deeply XML elements may nest (real Office parts nest a few dozen levels; deep nesting is an attack on the parser). */
  maxXmlDepth: 256,
} as const;
