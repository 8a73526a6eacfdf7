import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new account' })
export class RegisterInput {
  @Field()
  email: string;

  @Field({ description: '10 to 128 characters, not your email address' })
  password: string;

  @Field({ description: 'Name shown to others (1 to 60 characters)' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country deliveries go to' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency to show prices in (default EUR)' })
  currency?: string | null;
}

@InputType()
export class LoginInput {
  @Field()
  email: string;

  @Field()
  password: string;
}

@InputType({ description: 'Only the fields given change' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2; null clears it' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217' })
  currency?: string | null;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  currentPassword: string;

  @Field()
  newPassword: string;
}
