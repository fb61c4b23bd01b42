import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireRole } from '@sc/auth';
import { isUniqueViolation, newId } from '@sc/db';
import { AppError, assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { CreatorEntity } from './creator.entity';
import { RegisterCreatorInput } from './register-creator.input';
import { validateRegisterCreator } from './register-creator.validation';

/** Platform curation of the creator directory. */
@Injectable()
export class RegisterCreatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
  ) {}

  /**
   * Adds a creator to the directory. Only the platform may: the directory is shared by every seller,
   * so no seller may shape what the others see. No event yet: nothing downstream needs one, and the
   * envelope is seller-scoped while a creator belongs to no seller.
   */
  async register(input: RegisterCreatorInput): Promise<CreatorEntity> {
    const platform = requireRole('PLATFORM');
    assertValid(validateRegisterCreator(input));
    const creatorId = await this.runner
      .run({ operation: 'registerCreator', actor: 'PLATFORM', input, scope: platform.userId }, async (tx) => {
        const creator = tx.manager.create(CreatorEntity, {
          id: newId('crt'),
          handle: input.handle,
          displayName: input.displayName.trim(),
          followerCount: input.followerCount,
          categories: input.categories.map((c) => c.trim()),
          createdAt: tx.now,
        });
        await tx.manager.insert(CreatorEntity, creator);
        return creator.id;
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
