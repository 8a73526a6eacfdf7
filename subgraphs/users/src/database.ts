import { CreateUsers1795400000000 } from './migrations/1795400000000-create-users.js';
import { UserEntity } from './modules/user/user.entity.js';

export const USERS_DB_SCHEMA = 'users';
export const usersEntities = [UserEntity];
export const usersMigrations = [CreateUsers1795400000000];
