// A method contract: its zod input schema, who may call it, whether it
// writes, and (as a type only) what it returns. The host's router and the
// renderer's typed client both read these.
import type { z } from 'zod';
import type { Role } from '../domain/roles';

export interface Contract<I extends z.ZodType, O> {
  input: I;
  roles: readonly Role[];
  /** Writes run in a transaction, are audited and publish a change event. */
  write: boolean;
  /** Phantom: the output type. Never read at run time. */
  output?: O;
}

export function contract<O>() {
  return <I extends z.ZodType>(spec: { input: I; roles: readonly Role[]; write: boolean }): Contract<I, O> => spec;
}
