import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A creator of the marketplace's directory; platform-wide, so deliberately without seller_id. */
@Entity({ name: 'creators' })
export class CreatorEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  handle: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'int' })
  followerCount: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
