import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.type.js';

@ObjectType({ description: 'Tokens for a signed-in session' })
export class AuthPayload {
  @Field({ description: 'Bearer token for the Authorization header (EdDSA JWT, short-lived)' })
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field({ description: 'Opaque; exchange it with refreshToken for new tokens. Single use.' })
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}

@ObjectType({ description: 'A signing key that was published and when it starts signing' })
export class SigningKeyRotation {
  @Field({ description: 'Key id (the JWT header kid)' })
  kid: string;

  @Field()
  activatesAt: Date;
}
