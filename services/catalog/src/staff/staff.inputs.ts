import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class InviteStaffInput {
  @Field({ description: "The invitee's email address (stored trimmed and lower-case); one account per address and shop." })
  email: string;

  @Field(() => [ID], { description: 'One to 10 roles: default role keys (`CUSTOMER_SERVICE`) or custom role ids of the shop.' })
  roles: string[];

  @Field({ description: 'Same key and same input returns the same member (without the code again); same key and other input is refused.' })
  idempotencyKey: string;
}

@InputType()
export class StaffMemberCommandInput {
  @Field(() => ID)
  memberId: string;

  @Field({ description: 'Same key and same input returns the same result.' })
  idempotencyKey: string;
}

@InputType()
export class SetStaffRolesInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => [ID], { description: "The member's roles from now on: one to 10 default role keys or custom role ids." })
  roles: string[];

  @Field({ description: 'Same key and same input returns the same result.' })
  idempotencyKey: string;
}

@InputType()
export class AcceptStaffInvitationInput {
  @Field(() => ID)
  memberId: string;

  @Field({ description: 'The code the owner received when inviting.' })
  invitationCode: string;

  @Field({ description: 'Same key and same input returns the same member.' })
  idempotencyKey: string;
}

@InputType()
export class CreateStaffRoleInput {
  @Field({ description: '1 to 60 characters, unique in the shop regardless of case, and not a default role name.' })
  name: string;

  @Field(() => [String], { description: 'At least one permission, `MODULE:VIEW` or `MODULE:EDIT`; STAFF and SHOP_PROFILE cannot be granted (owner only).' })
  permissions: string[];

  @Field({ description: 'Same key and same input returns the same role.' })
  idempotencyKey: string;
}

@InputType()
export class UpdateStaffRoleInput {
  @Field(() => ID)
  roleId: string;

  @Field(() => String, { nullable: true, description: 'The new name; unchanged when omitted.' })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new permissions (replacing the old ones); unchanged when omitted.' })
  permissions?: string[] | null;

  @Field({ description: 'Same key and same input returns the same role.' })
  idempotencyKey: string;
}

@InputType()
export class DeleteStaffRoleInput {
  @Field(() => ID)
  roleId: string;

  @Field({ description: 'Same key and same input returns the same result.' })
  idempotencyKey: string;
}
