// Builds the one router of the host from every domain's handler table.
import { Router, type HostContext } from './router';
import { authHandlers, LoginThrottle } from './auth';
import { patientsHandlers } from './patients';
import { settingsHandlers } from './settings';
import { importHandlers } from './import';

export function createRouter(host: HostContext): Router {
  const router = new Router(host)
    .register(authHandlers(new LoginThrottle()))
    .register(patientsHandlers)
    .register(settingsHandlers)
    .register(importHandlers);
  const missing = router.missing();
  if (missing.length) throw new Error(`API methods without a handler: ${missing.join(', ')}`);
  return router;
}
