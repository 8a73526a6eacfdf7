import { CreateUsers1795400000000 } from './migrations/1795400000000-create-users.js';
import { AccountsAndTokens1795400100000 } from './migrations/1795400100000-accounts-and-tokens.js';
import { AuditLog1795409000000 } from './migrations/1795409000000-audit-log.js';
import { AuditEntryEntity } from './modules/audit-entry/audit-entry.entity.js';
import { AccountLifecycle1795400200000 } from './migrations/1795400200000-account-lifecycle.js';
import { RefreshTokenEntity } from './modules/refresh-token/refresh-token.entity.js';
import { SigningKeyEntity } from './modules/signing-key/signing-key.entity.js';
import { UserEntity } from './modules/user/user.entity.js';

export const usersEntities = [UserEntity, RefreshTokenEntity, SigningKeyEntity, AuditEntryEntity];
export const usersMigrations = [CreateUsers1795400000000, AccountsAndTokens1795400100000, AccountLifecycle1795400200000, AuditLog1795409000000];
