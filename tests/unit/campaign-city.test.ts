// The campaign audience's city filter ignores case in any script: SQLite's
// lower() folds ASCII only, so 'київ' would never have found 'Київ'.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldCity } from '../../main/api/campaign-audience';
import { makeCampaignClinic, type CampaignClinic } from './campaign-clinic';

let cc: CampaignClinic;
let kyiv: number[];
beforeEach(async () => {
  cc = await makeCampaignClinic();
  const add = (city: string, deleted = false) =>
    cc.insert('INSERT INTO patients (last_name, first_name, city, phone, deleted_at) VALUES (?, ?, ?, ?, ?)', 'Коваль', 'О', city, '+380441234567', deleted ? '2026-01-01T00:00:00Z' : null);
  kyiv = [add('Київ'), add('КИЇВ'), add(' київ ')];
  add('Київська область');
  add('Kyiv');
  add('київ', true);
  cc.insert('INSERT INTO patients (last_name, first_name, city, phone) VALUES (?, ?, ?, ?)', 'Орлова', 'Е', 'Орёл', '+79000000099');
});
afterEach(async () => cc.close());

const count = async (city: string) => (await cc.call('callcenter', 'campaigns.audienceCount', { channel: 'call', filters: { city, includeBooked: true } })).count;

describe('campaign audience: city', () => {
  it('folds case, spaces and ё in any script', () => {
    expect(foldCity(' КИЇВ ')).toBe('київ');
    expect(foldCity('Нью  Йорк')).toBe('нью йорк');
    expect(foldCity('Орёл')).toBe(foldCity('орел'));
  });

  it("counts 'київ' as every live spelling of Київ, and nothing else", async () => {
    expect(await count('київ')).toBe(3);
    expect(await count('КИЇВ')).toBe(3);
    expect(await count('Kyiv')).toBe(1);
    expect(await count('орел')).toBe(1);
    // Москва: A, C, D and H (E is deleted).
    expect(await count('москва')).toBe(await count('Москва'));
    expect(await count('МОСКВА')).toBe(4);
    expect(await count('Одеса')).toBe(0);
    const { sample } = await cc.call('callcenter', 'campaigns.audienceCount', { channel: 'call', filters: { city: 'київ', includeBooked: true } });
    expect(sample.map((p) => p.id)).toEqual(kyiv);
  });

  it('builds the members with the same folding', async () => {
    const c = await cc.call('director', 'campaigns.create', { name: 'Київ', channel: 'call', startDate: '2026-11-25', endDate: '2026-12-31', filters: { city: 'київ', includeBooked: true } });
    expect(await cc.call('director', 'campaigns.buildAudience', { id: c.id })).toMatchObject({ added: 3, members: 3 });
    const members = await cc.call('director', 'campaigns.members', { id: c.id, offset: 0, limit: 10 });
    expect(members.rows.map((m) => m.patientId)).toEqual(kyiv);
  });
});
