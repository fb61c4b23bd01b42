import { FieldProblem, ValidationFailedError } from './app-error';

// C0 controls other than tab/newline/carriage return, DEL, and NUL are never valid in user text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Problems with a free-text field: length bounds (after trimming) and control characters. */
export function checkText(field: string, value: string | null | undefined, min: number, max: number): FieldProblem[] {
  if (value === null || value === undefined) return min > 0 ? [{ field, message: 'is required' }] : [];
  if (CONTROL_CHARACTERS.test(value)) return [{ field, message: 'must not contain control characters' }];
  if (!value.isWellFormed()) return [{ field, message: 'must be well-formed Unicode text' }];
  const length = value.trim().length;
  if (length < min) return [{ field, message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` }];
  if (value.length > max) return [{ field, message: `must be at most ${max} characters` }];
  return [];
}

/** Problems with an integer quantity that must lie within bounds. */
export function checkInteger(field: string, value: number, min: number, max: number): FieldProblem[] {
  if (!Number.isInteger(value)) return [{ field, message: 'must be a whole number' }];
  if (value < min) return [{ field, message: `must be at least ${min}` }];
  if (value > max) return [{ field, message: `must be at most ${max}` }];
  return [];
}

/** Problems with an idempotency key: 8 to 128 printable ASCII characters. */
export function checkIdempotencyKey(field: string, value: string): FieldProblem[] {
  return /^[\x21-\x7E]{8,128}$/.test(value) ? [] : [{ field, message: 'must be 8 to 128 printable ASCII characters' }];
}

/** Throws VALIDATION_FAILED with every problem found, if any. */
export function assertValid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailedError(problems);
}
