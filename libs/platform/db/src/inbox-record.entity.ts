import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has applied; the primary key makes a second application impossible. */
@Entity({ name: 'inbox' })
export class InboxRecord {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
