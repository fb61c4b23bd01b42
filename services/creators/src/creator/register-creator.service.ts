import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireRole } from '@sc/auth';
import { isUniqueViolation, newId, requestHash, runIdempotent } from '@sc/db';
import { AppError, IdempotencyConflictError, assertValid } from '@sc/graphql';
import { CreatorEntity } from './creator.entity';
import { RegisterCreatorInput } from './register-creator.input';
import { validateRegisterCreator } from './register-creator.validation';

/** Platform curation of the creator directory. */
@Injectable()
export class RegisterCreatorService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds a creator to the directory. Only the platform may: the directory is shared by every seller,
   * so no seller may shape what the others see. No event yet: nothing downstream needs one, and the
   * envelope is seller-scoped while a creator belongs to no seller.
   */
  async register(input: RegisterCreatorInput): Promise<CreatorEntity> {
    const platform = requireRole('PLATFORM');
    assertValid(validateRegisterCreator(input));
    const creatorId = await this.dataSource
      .transaction(async (manager) => {
        const outcome = await runIdempotent(
          manager,
          { scope: platform.userId, operation: 'registerCreator', key: input.idempotencyKey, requestHash: requestHash(input) },
          async () => {
            const creator = manager.create(CreatorEntity, {
              id: newId('crt'),
              handle: input.handle,
              displayName: input.displayName.trim(),
              followerCount: input.followerCount,
              categories: input.categories.map((c) => c.trim()),
            });
            await manager.insert(CreatorEntity, creator);
            return creator.id;
          },
        );
        if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
        return outcome.resultId;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'creators_handle_uq')) {
          throw new AppError('CONFLICT', `The handle ${input.handle} is already taken`, { field: 'handle' });
        }
        throw error;
      });
    return this.dataSource.getRepository(CreatorEntity).findOneByOrFail({ id: creatorId });
  }
}
