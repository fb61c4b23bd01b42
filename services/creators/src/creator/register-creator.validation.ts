import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import { RegisterCreatorInput } from './register-creator.input';

/** What a handle may look like; the database checks the same pattern. */
export const HANDLE_PATTERN = /^[a-z0-9._]{2,30}$/;
/** Most categories one creator lists. */
export const MAX_CATEGORIES = 20;
/** Upper bound of a follower count (fits the int column and GraphQL Int). */
export const MAX_FOLLOWER_COUNT = 2_000_000_000;

/** Every problem of a register-creator input; empty when valid. */
export function validateRegisterCreator(input: RegisterCreatorInput): FieldProblem[] {
  const problems: FieldProblem[] = [
    ...checkText('displayName', input.displayName, 1, 100),
    ...checkInteger('followerCount', input.followerCount, 0, MAX_FOLLOWER_COUNT),
    ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
  ];
  if (!HANDLE_PATTERN.test(input.handle)) {
    problems.push({ field: 'handle', message: 'must be 2 to 30 characters of a-z, 0-9, "." and "_"' });
  }
  if (input.categories.length > MAX_CATEGORIES) problems.push({ field: 'categories', message: `must have at most ${MAX_CATEGORIES} entries` });
  const seen = new Set<string>();
  input.categories.forEach((category, i) => {
    problems.push(...checkText(`categories[${i}]`, category, 1, 50));
    if (seen.has(category.trim())) problems.push({ field: `categories[${i}]`, message: 'is repeated' });
    seen.add(category.trim());
  });
  return problems;
}

/** The search prefix of the creator directory, normalized; VALIDATION_FAILED problems when it cannot be a handle prefix. */
export function normalizeHandleSearch(search: string | null | undefined): { prefix: string | null; problems: FieldProblem[] } {
  if (search === null || search === undefined) return { prefix: null, problems: [] };
  const prefix = search.trim().toLowerCase();
  if (prefix.length === 0) return { prefix: null, problems: [] };
  return /^[a-z0-9._]{1,30}$/.test(prefix)
    ? { prefix, problems: [] }
    : { prefix: null, problems: [{ field: 'search', message: 'must be the start of a handle (a-z, 0-9, "." and "_")' }] };
}

/** A LIKE pattern matching handles that start with `prefix`; "_" is a LIKE wildcard and must be escaped. */
export const handlePrefixPattern = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
