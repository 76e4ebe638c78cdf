/**
 * Why an exchange file is refused: structured problems, so the UI can show them in its own
 * language. Each problem has a stable `code`, an English `message` (for logs and the command
 * line), the `part` it concerns when there is one, and `params` for the translation.
 *
 * Import never writes anything while a problem stands: verification runs first, whole.
 */

export type ProblemCode =
  /** Not a zip, or a zip without our manifest first (e.g. a .docx renamed). */
  | 'not-exchange-file'
  | 'empty-file'
  /** Starts like an exchange file but ends early (copy interrupted, flash drive pulled). */
  | 'truncated'
  /** The zip structure cannot be read although the file is complete. */
  | 'corrupt-zip'
  | 'manifest-invalid'
  /** Made by a newer version of the app; update the app to open it. */
  | 'newer-format-version'
  /** Older than any version this app can migrate. */
  | 'unsupported-format-version'
  | 'migration-failed'
  | 'file-checksum-missing'
  /** Some byte of the file differs from what was written. */
  | 'file-checksum-mismatch'
  | 'part-missing'
  | 'unexpected-part'
  | 'size-mismatch'
  | 'hash-mismatch'
  /** A part inflates past its declared size or the app's limit (a decompression bomb). */
  | 'too-large'
  | 'unsupported-compression'
  | 'passphrase-required'
  | 'wrong-passphrase'
  /** Right passphrase, but the manifest is not the one that was sealed: edited on purpose. */
  | 'seal-mismatch'
  /** Right passphrase, but an encrypted chunk fails authentication: changed, cut or reordered. */
  | 'decrypt-failed'
  | 'data-invalid'
  | 'data-inconsistent'
  | 'rules-invalid'
  // import (data layer)
  | 'workspace-exists'
  | 'other-workspace'
  | 'workspace-deleting'
  | 'unknown-workspace'
  | 'wrong-role'
  /** An agency pack opened by someone other than an agency, or an agency response by someone other than the city. */
  | 'agency-file-role'
  /** An agency response for a workspace that is not the city's own here. */
  | 'agency-not-city'
  /** An agency response touching questions not assigned to that agency here. */
  | 'rules-mismatch'
  /** The file's ids are taken by another workspace in this app (a crafted file). */
  | 'id-conflict'
  // export (write.ts ExportError): the file is not made
  | 'evidence-missing'
  | 'evidence-size-changed'
  /** A document's stored bytes no longer match the SHA-256 recorded when it was added. */
  | 'evidence-changed';

export interface Problem {
  code: ProblemCode;
  message: string;
  part?: string;
  params?: Record<string, string | number>;
}

/** Strings from a file (names, paths, parser messages) are cut to this length in problems. */
export const MAX_PROBLEM_TEXT = 300;
const clip = (s: string, n = MAX_PROBLEM_TEXT): string => (s.length > n ? `${s.slice(0, n)}…` : s);

export function problem(code: ProblemCode, message: string, params?: Record<string, string | number>, part?: string): Problem {
  const p: Problem = { code, message: clip(message, 2 * MAX_PROBLEM_TEXT) };
  if (part !== undefined) p.part = clip(part);
  if (params && Object.keys(params).length) p.params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? clip(v) : v]));
  return p;
}

export const partProblem = (code: ProblemCode, part: string, message: string, params?: Record<string, string | number>): Problem =>
  problem(code, message, { part, ...params }, part);
