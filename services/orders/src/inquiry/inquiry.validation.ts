import { FieldProblem, checkIdempotencyKey, checkText } from '@sc/graphql';

/** Longest message a buyer or seller may send. */
export const MAX_MESSAGE_LENGTH = 2000;

const checkId = (field: string, value: string | null | undefined, prefix: string | null, required: boolean): FieldProblem[] => {
  if (value === null || value === undefined) return required ? [{ field, message: 'is required' }] : [];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value) || (prefix !== null && !value.startsWith(`${prefix}_`))) {
    return [{ field, message: prefix ? `must be an id starting with ${prefix}_` : 'must be an id' }];
  }
  return [];
};

/** Problems with a new message's text and idempotency key, plus any id fields given as [field, value, prefix, required]. */
export function checkMessageInput(
  input: { text?: string; idempotencyKey: string },
  ids: Array<[string, string | null | undefined, string | null, boolean]>,
): FieldProblem[] {
  return [
    ...ids.flatMap(([field, value, prefix, required]) => checkId(field, value, prefix, required)),
    ...(input.text === undefined ? [] : checkText('text', input.text, 1, MAX_MESSAGE_LENGTH)),
    ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
  ];
}
