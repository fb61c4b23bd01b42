import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '@sc/graphql';

/**
 * The one row matching `where`, locked FOR UPDATE until the transaction ends; NOT_FOUND (named `entity`,
 * `id`) when there is none, so a row of another shop looks exactly like a missing one. Put the caller's
 * seller or buyer id in `where` for every client-driven change.
 */
export async function lockForUpdate<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  notFound: { entity: string; id: string },
): Promise<E> {
  const row = await manager.getRepository(target).findOne({ where, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new NotFoundError(notFound.entity, notFound.id);
  return row;
}
