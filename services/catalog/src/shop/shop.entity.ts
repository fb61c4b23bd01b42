import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'shops' })
export class ShopEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'char', length: 3 })
  currencyCode: string;

  @Column({ type: 'text' })
  timeZone: string;

  /** The user who registered the shop: its owner, who alone manages staff. Null for shops registered before staff existed, until claimed. */
  @Column({ type: 'text', nullable: true })
  ownerUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
