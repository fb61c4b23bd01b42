import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRow } from '@sc/db';

/** A shop's own role: a named set of permissions (`MODULE:VIEW|EDIT`), next to the default roles. */
@Entity({ name: 'staff_roles' })
export class StaffRoleEntity extends VersionedRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  name: string;

  /** Normalised with unionOfPermissions (an EDIT drops its VIEW; STAFF_MODULES order). */
  @Column({ type: 'text', array: true })
  permissions: string[];
}
