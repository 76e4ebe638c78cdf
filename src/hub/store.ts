/**
 * Evidence bytes on disk, content-addressed: <root>/ab/cd/abcd...(64 hex). The name is the
 * SHA-256 of the bytes, checked when a file is stored, so the same scan sent by two agencies is
 * kept once and a stored file never changes (evidence never conflicts).
 * An S3-compatible store is a later step behind the same three functions (docs/hub.md).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export const SHA256 = /^[0-9a-f]{64}$/;

export function blobPath(root: string, sha: string): string {
  if (!SHA256.test(sha)) throw new Error('not a sha256');
  return join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
}

export async function hasBlob(root: string, sha: string): Promise<boolean> {
  return stat(blobPath(root, sha)).then(
    () => true,
    () => false,
  );
}

export async function sha256OfFile(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  return h.digest('hex');
}

export class HashMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`bytes hash to ${actual}, not ${expected}`);
  }
}

/** Moves a finished upload into the store under its hash; the upload file is gone afterwards. */
export async function storeBlob(root: string, tmpPath: string, expected: string): Promise<void> {
  const actual = await sha256OfFile(tmpPath);
  if (actual !== expected) {
    await rm(tmpPath, { force: true });
    throw new HashMismatchError(expected, actual);
  }
  const to = blobPath(root, actual);
  if (await hasBlob(root, actual)) return void (await rm(tmpPath, { force: true }));
  await mkdir(join(to, '..'), { recursive: true });
  await rename(tmpPath, to);
}

export const openBlob = (root: string, sha: string) => createReadStream(blobPath(root, sha));
