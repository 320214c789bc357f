export const ROLES = ['director', 'reception', 'doctor', 'callcenter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everybody who signs in. */
export const ANY_ROLE: readonly Role[] = ROLES;
