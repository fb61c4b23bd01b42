import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';

/** A shop's own role: a named set of permissions (`MODULE:VIEW|EDIT`), next to the default roles. */
@Entity({ name: 'staff_roles' })
export class StaffRoleEntity extends ShopAggregateRow {
  @Column({ type: 'text' })
  name: string;

  /** Normalised with unionOfPermissions (an EDIT drops its VIEW; STAFF_MODULES order). */
  @Column({ type: 'text', array: true })
  permissions: string[];
}
