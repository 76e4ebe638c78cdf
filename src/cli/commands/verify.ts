/**
 * kla verify <file.kla> [--passphrase <p>]
 *
 * Checks an exchange file the way the app does before importing it (every part's SHA-256, the
 * file checksum, the schema; with the passphrase, decryption of every chunk) and prints
 *   {"ok", "format", "workspace", "parts", "problems": [{code, message, part?, params?}]}
 * Exit status 0 when ok, 1 when the file is refused, 2 for usage errors (no such file...).
 * The passphrase may also come from the KLA_PASSPHRASE environment variable (keeps it out of `ps`).
 */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { verifyExchange } from '../../domain/exchange';
import { takeOption, UsageError, type Command } from '../common';

/** The file as a Blob read lazily from disk (no size limit, constant memory). */
export async function openExchangeFile(path: string): Promise<Blob> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new UsageError(`${path} is not a file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return openAsBlob(path);
}

export const passphraseOption = (args: string[]): string | undefined => takeOption(args, '--passphrase') ?? (process.env.KLA_PASSPHRASE || undefined);

export const verify: Command = async (args, io) => {
  const passphrase = passphraseOption(args);
  if (args.length !== 1) throw new UsageError('verify needs exactly one .kla file');
  const report = await verifyExchange(await openExchangeFile(args[0]), { passphrase });
  io.out(JSON.stringify({ ok: report.ok, format: report.format, workspace: report.workspace, parts: report.parts, problems: report.problems }));
  return report.ok ? 0 : 1;
};
