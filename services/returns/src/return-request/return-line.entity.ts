import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'return_lines' })
export class ReturnLineEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  returnRequestId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  orderLineId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int' })
  position: number;
}
