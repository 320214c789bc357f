import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE, ROLES, type Role } from '../domain/roles';
import { id, optionalText, requiredText } from './fields';

export interface User {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  specialty: string | null;
  branchId: number | null;
  active: boolean;
}

export interface Session {
  token: string;
  user: User;
  idleMinutes: number;
}

export const LoginInput = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const NewUserInput = z.object({
  login: z.string().trim().min(2).max(100).regex(/^[\p{L}\p{N}._@-]+$/u),
  password: z.string().min(4).max(200),
  fullName: requiredText(200),
  role: z.enum(ROLES),
  specialty: optionalText(100),
  branchId: id.nullish().transform((v) => v ?? null),
});

export const authContracts = {
  /** Public: exchanges a login and password for a bearer token. */
  'auth.login': contract<Session>()({ input: LoginInput, roles: [], write: false }),
  'auth.logout': contract<{ ok: true }>()({ input: z.object({}), roles: ANY_ROLE, write: false }),
  'auth.me': contract<Session['user']>()({ input: z.object({}), roles: ANY_ROLE, write: false }),
  /** Public: whether the database still needs its first admin. */
  'auth.status': contract<{ needsFirstAdmin: boolean; demo: boolean }>()({ input: z.object({}), roles: [], write: false }),
  /** Public, but only while the database has no user at all. */
  'auth.createFirstAdmin': contract<Session>()({
    input: NewUserInput.omit({ role: true, specialty: true, branchId: true }),
    roles: [],
    write: true,
  }),
  'users.list': contract<User[]>()({ input: z.object({}), roles: ANY_ROLE, write: false }),
  'users.create': contract<User>()({ input: NewUserInput, roles: ['admin', 'director'], write: true }),
};
