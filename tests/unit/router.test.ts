import { describe, expect, it } from 'vitest';
import { makeClinic } from './harness';

describe('router', () => {
  it('has a handler for every contract in shared/api', async () => {
    const clinic = await makeClinic();
    try {
      expect(clinic.router.missing()).toEqual([]);
    } finally {
      await clinic.close();
    }
  });
});
