import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';

@ObjectType({ description: "A creator (influencer) of the marketplace's directory; the same for every seller." })
@Directive('@key(fields: "id")')
export class Creator {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique handle: 2 to 30 of a-z, 0-9, dot and underscore.' })
  handle: string;

  @Field()
  displayName: string;

  @Field(() => Int)
  followerCount: number;

  @Field(() => [String], { description: 'Content categories, e.g. beauty, fitness.' })
  categories: string[];
}

@ObjectType()
export class CreatorConnection extends Connection(Creator, 'Creator') {}
