import type { Response } from 'express';

/** Answers with a GraphQL-shaped error body, so clients parse every gateway refusal the same way. */
export function sendGraphQLError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
