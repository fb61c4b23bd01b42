import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts (issue #14): the shop's owner (`shops.owner_user_id`), its invited and active staff
 * members, its custom roles, and which roles each member holds. A member's access is the union of its
 * roles' permissions; default roles (ADMIN, OPERATIONS, …) live in code (`DEFAULT_ROLES`, @sc/auth), so a
 * member's role reference is either a default role's key or a custom role's id.
 */
export class StaffMembersAndRoles1764600000000 implements MigrationInterface {
  name = 'StaffMembersAndRoles1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Null for shops registered before this migration: a registerShop replay by a member of such a shop
    // records that member as the owner (ShopService.register, the legacy path).
    await queryRunner.query(`ALTER TABLE shops ADD COLUMN owner_user_id text`);

    await queryRunner.query(`
      CREATE TABLE staff_members (
        id text PRIMARY KEY,
        seller_id text NOT NULL REFERENCES shops (id),
        email text NOT NULL,
        user_id text,
        status text NOT NULL,
        invited_at timestamptz NOT NULL,
        invitation_expires_at timestamptz NOT NULL,
        activated_at timestamptz,
        deactivated_at timestamptz,
        invitation_code_hash text NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_members_status_known CHECK (status IN ('INVITED', 'ACTIVE', 'DEACTIVATED', 'EXPIRED')),
        CONSTRAINT staff_members_email_normalised CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
        CONSTRAINT staff_members_active_has_user CHECK (status <> 'ACTIVE' OR user_id IS NOT NULL),
        CONSTRAINT staff_members_expiry_after_invite CHECK (invitation_expires_at > invited_at)
      )`);
    // One account per address and shop, except invitations that ended without being accepted (expired,
    // or withdrawn: deactivated before anyone accepted), so the address can be invited again.
    await queryRunner.query(`
      CREATE UNIQUE INDEX staff_members_email_uq ON staff_members (seller_id, email)
        WHERE status <> 'EXPIRED' AND NOT (status = 'DEACTIVATED' AND user_id IS NULL)`);
    // A user holds at most one membership per shop (the staff-access lookup reads it by user).
    await queryRunner.query(`CREATE UNIQUE INDEX staff_members_user_uq ON staff_members (seller_id, user_id) WHERE user_id IS NOT NULL`);
    // Shop.staffMembers, newest first: all members, or one status.
    await queryRunner.query(`CREATE INDEX staff_members_seller_id_idx ON staff_members (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX staff_members_seller_status_id_idx ON staff_members (seller_id, status, id DESC)`);
    // The expiry job's scan: pending invitations by deadline.
    await queryRunner.query(`CREATE INDEX staff_members_invitation_expiry_idx ON staff_members (invitation_expires_at) WHERE status = 'INVITED'`);

    await queryRunner.query(`
      CREATE TABLE staff_roles (
        id text PRIMARY KEY,
        seller_id text NOT NULL REFERENCES shops (id),
        name text NOT NULL,
        permissions text[] NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_roles_has_permissions CHECK (cardinality(permissions) > 0)
      )`);
    // Names are unique per shop regardless of case; Shop.staffRoles lists them by name.
    await queryRunner.query(`CREATE UNIQUE INDEX staff_roles_name_uq ON staff_roles (seller_id, lower(name))`);

    await queryRunner.query(`
      CREATE TABLE staff_member_roles (
        member_id text NOT NULL REFERENCES staff_members (id),
        role_ref text NOT NULL,
        PRIMARY KEY (member_id, role_ref),
        CONSTRAINT staff_member_roles_ref_known CHECK (role_ref IN ('ADMIN', 'OPERATIONS', 'CUSTOMER_SERVICE', 'MARKETING', 'FINANCE') OR role_ref LIKE 'rol\\_%')
      )`);
    // deleteStaffRole's "is this role still held" check.
    await queryRunner.query(`CREATE INDEX staff_member_roles_role_idx ON staff_member_roles (role_ref)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE staff_member_roles`);
    await queryRunner.query(`DROP TABLE staff_roles`);
    await queryRunner.query(`DROP TABLE staff_members`);
    await queryRunner.query(`ALTER TABLE shops DROP COLUMN owner_user_id`);
  }
}
