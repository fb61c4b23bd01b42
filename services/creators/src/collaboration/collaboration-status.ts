import { registerEnumType } from '@nestjs/graphql';

/** Lifecycle status of a seller × creator × product collaboration. */
export enum CollaborationStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

registerEnumType(CollaborationStatus, { name: 'CollaborationStatus', description: 'Lifecycle status of a collaboration.' });
