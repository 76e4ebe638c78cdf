/** Request bodies are checked against valibot schemas before anything reads them. */
import * as v from 'valibot';
import { HubError } from './context.ts';
import { MAX_OFFICE } from '../domain/model.ts';

export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, input);
  if (!r.success) {
    const issue = r.issues[0];
    const at = issue.path?.map((p) => String(p.key)).join('.') || 'body';
    throw new HubError(400, 'bad-request', `${at}: ${issue.message}`);
  }
  return r.output;
}

export const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
export const username = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9._-]{3,40}$/, 'username: 3-40 of a-z 0-9 . _ -'));
export const questionCode = v.pipe(v.string(), v.regex(/^[0-9A-Za-z.]{1,16}$/));
export const agencyId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/));
export const clientId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
export const isoTime = v.pipe(v.string(), v.isoTimestamp());
/** The city's name for its office ('' for the app's default), as long as the app keeps it. */
export const officeName = v.pipe(v.string(), v.trim(), v.maxLength(MAX_OFFICE));
