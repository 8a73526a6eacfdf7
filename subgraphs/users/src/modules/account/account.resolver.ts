import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireUser, type RequestContext } from '@mrt/graphql-kit';
import type { AccountService } from './account.service.js';

@Resolver()
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

  @Authorized()
  @Mutation(() => Boolean, { description: 'Mail a new verification link to your address (valid 24 hours; requests are rate limited)' })
  requestEmailVerification(@Ctx() context: RequestContext): Promise<boolean> {
    return this.accounts.requestEmailVerification(requireUser(context).id, context.clientIp);
  }

  @Mutation(() => Boolean, { description: 'Confirm your address with the token from the verification link; it works once' })
  verifyEmail(@Arg('token') token: string): Promise<boolean> {
    return this.accounts.verifyEmail({ token });
  }

  @Mutation(() => Boolean, {
    description: 'Mail a password reset link (valid 30 minutes) if the address has an account. Always true, so it tells no one which addresses are registered.',
  })
  requestPasswordReset(@Ctx() context: RequestContext, @Arg('email') email: string): Promise<boolean> {
    return this.accounts.requestPasswordReset({ email }, context.clientIp);
  }

  @Mutation(() => Boolean, { description: 'Set a new password with the token from a reset link; it works once and signs out every session' })
  resetPassword(@Arg('token') token: string, @Arg('newPassword', { description: '10 to 128 characters, not your email address' }) newPassword: string): Promise<boolean> {
    return this.accounts.resetPassword({ token, newPassword });
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Delete your account and everything the tracker keeps about you, after checking your password' })
  deleteMyAccount(@Ctx() context: RequestContext, @Arg('password') password: string): Promise<boolean> {
    return this.accounts.deleteAccount(requireUser(context).id, { password });
  }
}
