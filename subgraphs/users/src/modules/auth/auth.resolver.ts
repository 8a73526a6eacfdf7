import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { RequireScope, requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { SigningKeyService } from '../signing-key/signing-key.service.js';
import { ChangePasswordInput, LoginInput, RegisterInput } from './auth.input.js';
import type { AuthService, Session } from './auth.service.js';
import { AuthPayload, SigningKeyRotation } from './auth.type.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly authService: AuthService,
    private readonly signingKeys: SigningKeyService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Create an account and sign in' })
  register(@Ctx() context: RequestContext, @Arg('input', () => RegisterInput) input: RegisterInput): Promise<Session> {
    return this.authService.register(input, context.clientIp);
  }

  @Mutation(() => AuthPayload, { description: 'Sign in with email and password (attempts are rate limited)' })
  login(@Ctx() context: RequestContext, @Arg('input', () => LoginInput) input: LoginInput): Promise<Session> {
    return this.authService.login(input, context.clientIp);
  }

  @Mutation(() => AuthPayload, { description: 'Exchange a refresh token for new tokens; the old one stops working' })
  refreshToken(@Arg('refreshToken') refreshToken: string): Promise<Session> {
    return this.authService.refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: 'End this session (its refresh token and every rotation of it)' })
  logout(@Arg('refreshToken') refreshToken: string): Promise<boolean> {
    return this.authService.logout(refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Change your password; signs out every session' })
  changePassword(@Ctx() context: RequestContext, @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput): Promise<boolean> {
    return this.authService.changePassword(requireUser(context).id, input);
  }

  @RequireScope('users:admin')
  @Mutation(() => SigningKeyRotation, {
    description: 'Publish a new signing key now; it signs from activatesAt on. Old keys stay published until their tokens expire (scope users:admin).',
  })
  rotateSigningKey(): Promise<SigningKeyRotation> {
    return this.signingKeys.rotate();
  }
}
