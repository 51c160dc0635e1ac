import type { z } from 'zod';
import { AppError } from '../../../common/errors';

/** Parses `value` with `schema`, or throws INVALID_ARGUMENT naming the first offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.join(', ') : '';
  const field = path || keys || '(root)';
  const message = `Invalid ${what}: ${field} — ${issue?.message ?? 'does not match the contract'}`;
  throw new AppError('INVALID_ARGUMENT', message, { field });
}
