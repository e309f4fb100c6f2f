import { z } from 'zod';

/** Whether the empty string is accepted as "not set" (and so can be a default). */
export interface FormatOptions {
  allowEmpty?: boolean;
}

/**
 * A string held to one format, with a message that names what is allowed. Parameters land in YAML,
 * Helm values and resource names, so each format is the narrowest its target accepts.
 */
export function formattedString(
  maxLength: number,
  isValid: (value: string) => boolean,
  description: string,
  options: FormatOptions = {},
) {
  const allowed = options.allowEmpty
    ? `${description}, or empty to leave unset`
    : description;
  return z
    .string({ error: `must be a string: ${allowed}` })
    .max(maxLength, {
      error: `is too long: at most ${maxLength} characters (${allowed})`,
    })
    .refine(
      value =>
        (options.allowEmpty && value === '') ||
        (value.length <= maxLength && isValid(value)),
      { error: `must be ${allowed}` },
    );
}
