import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { StaffMemberStatus } from './staff-status';

@ObjectType({ description: "A role staff members hold: one of the default roles every shop has, or one of the shop's own." })
export class StaffRole {
  @Field(() => ID, { description: "A default role's key (`CUSTOMER_SERVICE`) or a custom role's id." })
  id: string;

  @Field()
  name: string;

  @Field({ description: 'True for the default roles (they cannot be edited or deleted).' })
  isDefault: boolean;

  @Field(() => [String], { description: 'What the role grants: `MODULE:VIEW` or `MODULE:EDIT` (EDIT includes VIEW).' })
  permissions: string[];
}

@ObjectType({ description: "A shop's staff account: an invitation until accepted, then a user acting for the shop." })
export class StaffMember {
  @Field(() => ID)
  id: string;

  @Field({ description: 'As stored: trimmed and lower-case.' })
  email: string;

  @Field(() => StaffMemberStatus)
  status: StaffMemberStatus;

  @Field(() => String, { nullable: true, description: 'The user who accepted the invitation; null until then.' })
  userId: string | null;

  @Field()
  invitedAt: Date;

  @Field({ description: 'invitedAt + 120 h: the invitation cannot be accepted from then on.' })
  invitationExpiresAt: Date;

  @Field(() => Date, { nullable: true })
  activatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  deactivatedAt: Date | null;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class StaffMemberConnection extends Connection(StaffMember, 'StaffMember') {}

@ObjectType()
export class InviteStaffPayload {
  @Field(() => StaffMember)
  member: StaffMember;

  @Field(() => String, {
    nullable: true,
    description:
      'The code the invitee accepts with. Shown only in the answer of the call that created the invitation (only its hash is stored): ' +
      'null on a replay of the same idempotency key; if it is lost, deactivate the member (withdrawing the invitation) and invite again.',
  })
  invitationCode: string | null;
}

@ObjectType()
export class DeleteStaffRolePayload {
  @Field(() => ID)
  deletedRoleId: string;
}

@ObjectType('StaffAccess', { description: 'What the calling staff member may do in the shop.' })
export class StaffAccessView {
  @Field({ description: 'True for the shop owner, who may do everything (and alone manages staff and the shop profile).' })
  owner: boolean;

  @Field(() => [String], { description: "For other members: the union of their roles' permissions. Empty for the owner (who needs none)." })
  permissions: string[];
}
