// Campaign figures on the large clinic: the live audience count with 4
// filters as the filter builder asks for it, and freezing such an audience
// into a campaign's members (issue 6: both ≤ 200 ms).
import type { Campaign } from '../../shared/api/campaigns';
import { BenchClient } from './client';
import { stats, type Figure } from './figures';

/** Four filters a director combines: unseen 180+ days (varied), age, sex, city; SMS consent from the channel. */
function fourFilters(i: number) {
  return { lastVisitOlderThanDays: 150 + (i % 10) * 10, ageFrom: 25 + (i % 5), ageTo: 60, sex: i % 2 ? ('female' as const) : ('male' as const), city: 'Москва' };
}

export async function benchCampaigns(base: string, figures: Figure[]): Promise<void> {
  const director = await new BenchClient(base).login('director');
  const count: number[] = [];
  for (let i = 0; i < 30; i++) count.push((await director.call('campaigns.audienceCount', { channel: 'sms', filters: fourFilters(i) })).serverMs);
  figures.push({ name: 'campaign audience count, 4 filters', unit: 'ms', ...stats(count), target: 200 });

  const build: number[] = [];
  for (let i = 0; i < 10; i++) {
    const c = await director.call<Campaign>('campaigns.create', { name: `Bench ${i}`, channel: 'sms', startDate: '2026-01-01', endDate: '2026-12-31', filters: fourFilters(i) });
    build.push((await director.call('campaigns.buildAudience', { id: c.body.id })).serverMs);
  }
  figures.push({ name: 'build a campaign audience (members), 4 filters', unit: 'ms', ...stats(build), target: 200 });
}
