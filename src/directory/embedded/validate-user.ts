import { z } from 'zod';

const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

/** A login someone may type: letters, digits and . _ @ + -, at most 128 characters. */
export function validateLogin(login: string): boolean {
  return LOGIN.test(login);
}

const newUser = z.object({
  login: z.string().regex(LOGIN, 'login: use letters, digits and . _ @ + - (at most 128 characters)'),
  password: z.string().min(8, 'password: at least 8 characters').max(1024, 'password: at most 1024 characters'),
  name: z.string().max(256, 'name: at most 256 characters').optional(),
  email: z.email('email: not an email address').optional(),
  groups: z.array(z.string().regex(/^[^,\s][^,]{0,127}$/, 'groups: a group name is 1-128 characters without commas')).default([]),
});

export type NewUser = z.input<typeof newUser>;

/** Checks a user before it is stored; throws one Error naming the first problem. */
export function validateNewUser(input: NewUser): z.output<typeof newUser> {
  const result = newUser.safeParse(input);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid user');
  return result.data;
}
