import { Type } from '@nestjs/common';
import { ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { ValidationFailedError } from './app-error';

/** Relay page info, shared by every subgraph. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** `first`/`after` arguments of a connection field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page.' })
  after?: string | null;
}

/** Largest page a client may ask for, unless a list sets its own maximum. */
export const MAX_PAGE_SIZE = 100;

/**
 * The page size and decoded keyset position of a request; VALIDATION_FAILED when out of range.
 * `maxPageSize` is a per-list maximum for lists whose page cost does not grow with the page (batched).
 */
export function readPageArgs(args: PageArgs, maxPageSize: number = MAX_PAGE_SIZE): { limit: number; afterKey: string | null } {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new ValidationFailedError([{ field: 'first', message: `must be between 1 and ${maxPageSize}` }]);
  }
  return { limit: first, afterKey: args.after ? decodeCursor(args.after) : null };
}

/** Opaque cursor for a keyset position. */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The keyset position inside a cursor; VALIDATION_FAILED for anything that is not one. */
export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z]{3}_[0-9a-z]{9}[0-9a-f]{16}$/.test(key)) {
    throw new ValidationFailedError([{ field: 'after', message: 'is not a valid cursor' }]);
  }
  return key;
}

/** A connection's items and page info, from rows fetched with `limit + 1`. */
export function toConnection<T extends { id: string }>(rows: T[], limit: number) {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return {
    edges: nodes.map((node) => ({ cursor: encodeCursor(node.id), node })),
    nodes,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(last.id) : null },
  };
}

/** Builds `<Name>Connection` and `<Name>Edge` types for a node type. */
export function Connection<T>(nodeType: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  abstract class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [nodeType])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}
