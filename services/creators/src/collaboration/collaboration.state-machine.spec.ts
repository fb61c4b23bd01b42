import { CollaborationStatus } from './collaboration-status';
import { INITIAL_COLLABORATION_STATUS, nextCollaborationStatus } from './collaboration.state-machine';

describe('collaboration state machine', () => {
  it('starts ACTIVE', () => {
    expect(INITIAL_COLLABORATION_STATUS).toBe(CollaborationStatus.ACTIVE);
  });

  it.each(['SELLER_STAFF', 'SYSTEM'] as const)('lets %s end an active collaboration', (actor) => {
    expect(nextCollaborationStatus(CollaborationStatus.ACTIVE, 'end', actor)).toBe(CollaborationStatus.ENDED);
  });

  it('refuses to end an ended collaboration', () => {
    expect(() => nextCollaborationStatus(CollaborationStatus.ENDED, 'end', 'SELLER_STAFF')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }),
    );
  });

  it('refuses actors outside the table', () => {
    expect(() => nextCollaborationStatus(CollaborationStatus.ACTIVE, 'end', 'CREATOR')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }),
    );
  });
});
