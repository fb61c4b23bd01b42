import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLSchema } from 'graphql';

/** The client-facing API schema of a supergraph (join/link machinery removed). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Breaking changes clients would see between two supergraphs, as readable lines. */
export async function breakingChanges(previousSupergraph: string, nextSupergraph: string): Promise<string[]> {
  const changes = await diff(apiSchemaOf(previousSupergraph), apiSchemaOf(nextSupergraph));
  return changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message);
}
