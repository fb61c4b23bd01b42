import { GraphQLError } from 'graphql';

/**
 * Every stable, client-visible business error code (`extensions.code`): the one list that both the
 * {@link ErrorCode} type and the error formatter's pass-through are derived from, so a new code cannot be
 * thrown and then masked as INTERNAL_SERVER_ERROR.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'INSUFFICIENT_STOCK',
  'IDEMPOTENCY_CONFLICT',
  'CURRENCY_MISMATCH',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'STALE_QUANTITY',
  'PRODUCT_NOT_AVAILABLE',
  'PRODUCT_HAS_OPEN_ORDERS',
] as const;

/** A stable, client-visible error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A business failure the client can act on; never a 500. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** Input that fails validation; lists every offending field. */
export class ValidationFailedError extends AppError {
  constructor(problems: FieldProblem[]) {
    super('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });
  }
}

/** An entity that does not exist for this caller (another seller's entity looks the same: no leak). */
export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });
  }
}

/** A state change the aggregate's transition table does not allow. */
export class InvalidTransitionError extends AppError {
  constructor(entity: string, from: string, action: string) {
    super('INVALID_TRANSITION', `${entity} in status ${from} cannot ${action}`, { entity, from, action });
  }
}

/** The same idempotency key was used with a different input. */
export class IdempotencyConflictError extends AppError {
  constructor() {
    super('IDEMPOTENCY_CONFLICT', 'This idempotency key was already used with a different input');
  }
}
