import { z } from 'zod';
import { ROLES } from '@mrt/graphql-kit';

export const setRolesSchema = z.object({
  userId: z.uuid('must be a UUID'),
  // Every account is a fan: USER is kept whatever the list says.
  roles: z
    .array(z.enum(ROLES))
    .max(ROLES.length * 2)
    .transform((roles) => ROLES.filter((role) => role === 'USER' || roles.includes(role))),
});

export const userSearchSchema = z.object({
  search: z.string().trim().max(254, 'must be at most 254 characters').nullish(),
});
