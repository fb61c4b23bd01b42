import type { ServerResponse } from 'node:http';

/**
 * Answers with a GraphQL-shaped error body, so clients parse every gateway refusal the same way. Works on
 * plain node:http responses (the GraphQL route) and express responses (health, explorer) alike.
 */
export function sendGraphQLError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
