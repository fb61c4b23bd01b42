import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';
import { StaffMemberStatus } from './staff-status';

/** One staff account of a shop: an invitation until accepted, then a user acting for the shop. */
@Entity({ name: 'staff_members' })
export class StaffMemberEntity extends ShopAggregateRow {
  /** Normalised: trimmed and lower-case. */
  @Column({ type: 'text' })
  email: string;

  /** The user who accepted the invitation; null until then. */
  @Column({ type: 'text', nullable: true })
  userId: string | null;

  @Column({ type: 'text' })
  status: StaffMemberStatus;

  @Column({ type: 'timestamptz' })
  invitedAt: Date;

  /** invitedAt + 120 h: after it, the invitation can no longer be accepted. */
  @Column({ type: 'timestamptz' })
  invitationExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** SHA-256 (hex) of the invitation code; the code itself is shown once and stored nowhere. */
  @Column({ type: 'text', select: false })
  invitationCodeHash: string;
}
