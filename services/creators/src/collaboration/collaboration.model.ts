import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { CollaborationStatus } from './collaboration-status';
import { Creator } from '../creator/creator.model';
import { Product } from './product.model';

@ObjectType({ description: "A shop's commission deal with one creator for one product." })
@Directive('@key(fields: "id")')
export class Collaboration {
  @Field(() => ID)
  id: string;

  @Field(() => Creator)
  creator: Creator;

  @Field(() => Product)
  product: Product;

  @Field(() => Int, { description: 'Commission in basis points of the paid price: 100 to 8000 (1 % to 80 %).' })
  commissionRateBps: number;

  @Field(() => CollaborationStatus)
  status: CollaborationStatus;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class CollaborationConnection extends Connection(Collaboration, 'Collaboration') {}
