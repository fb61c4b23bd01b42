import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** Composes subgraph SDLs into a supergraph; throws with every composition error listed. */
export function composeSupergraph(subgraphs: Array<{ name: string; url: string; sdl: string }>): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
