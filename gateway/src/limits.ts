import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { QueryLimits } from './config';

export interface LimitsSetup {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
}

/**
 * Guards against expensive ad hoc queries (analysts use the explorer against production data).
 *
 * Error codes clients see (HTTP 400 in every case):
 * - depth, cost, aliases, directives (graphql-armor validation rules): armor reports BAD_USER_INPUT, but
 *   Apollo Server wraps every validation error and the code becomes GRAPHQL_VALIDATION_FAILED; the message
 *   names the limit, e.g. "Syntax Error: Query depth limit of 12 exceeded, found 13."
 * - token count: enforced by graphql-js's own parser (`parseOptions.maxTokens`) → GRAPHQL_PARSE_FAILED.
 *   Armor's maxTokens plugin is switched off: it throws from a plugin hook, outside Apollo Server's parse
 *   step, so the request goes down the unexpected-error path (executeOperation even rejects) instead of
 *   getting an ordinary 400 parse error.
 * Field suggestions ("Did you mean …") are masked for callers who may not introspect: see operation-rules.ts.
 */
export function createLimits(limits: QueryLimits): LimitsSetup {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: armor.plugins,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
