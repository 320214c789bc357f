// Every API method of the host, by name. The router refuses a handler for a
// name that is not here, and the renderer's client is typed from this map.
import type { z } from 'zod';
import { authContracts } from './auth';
import { patientsContracts } from './patients';
import { settingsContracts } from './settings';
import { importContracts } from './import';
import { appointmentsContracts } from './appointments';
import { queueContracts } from './queue';
import { servicesContracts } from './services';
import { schedulesContracts } from './schedules';
import { paymentsContracts } from './payments';
import { reportsContracts } from './reports';
import { tasksContracts } from './tasks';
import { contactsContracts } from './contacts';
import { timelineContracts } from './timeline';
import { telephonyContracts } from './telephony';
import { messagesContracts } from './messages';
import { campaignsContracts } from './campaigns';
import type { Contract } from './contract';

export const contracts = {
  ...authContracts,
  ...patientsContracts,
  ...settingsContracts,
  ...importContracts,
  ...appointmentsContracts,
  ...queueContracts,
  ...servicesContracts,
  ...schedulesContracts,
  ...paymentsContracts,
  ...reportsContracts,
  ...tasksContracts,
  ...contactsContracts,
  ...timelineContracts,
  ...telephonyContracts,
  ...messagesContracts,
  ...campaignsContracts,
};

export type Contracts = typeof contracts;
export type MethodName = keyof Contracts;
export type InputOf<M extends MethodName> = z.input<Contracts[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contracts[M]['input']>;
export type OutputOf<M extends MethodName> = Contracts[M] extends Contract<z.ZodType, infer O> ? O : never;

/** A change published on /api/events after a write commits. */
export interface ChangeEvent {
  type: 'changed';
  entity: string;
  id: number | null;
  op: string;
  /** Monotonic per host run, so a client can notice it missed events. */
  seq: number;
}
