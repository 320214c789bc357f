import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, rejection, count, type Clinic } from './harness';
import type { ImportResult } from '../../shared/api/import';

let clinic: Clinic;
beforeEach(async () => {
  clinic = await makeClinic();
});
afterEach(async () => clinic.close());

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

function importFile(fileName: string, content: string | Buffer, options: { dryRun?: boolean; allOrNothing?: boolean } = {}): Promise<ImportResult> {
  return clinic.call('director', 'import.patients', { fileName, contentBase64: base64(content), dryRun: false, allOrNothing: true, ...options });
}

const patients = () => clinic.database.db.selectFrom('patients').selectAll().orderBy('id').execute();

const HEADER = 'external_id,last_name,first_name,birth_date,phone,email,source';
const GOOD = [
  'A-1,Иванов,Пётр,14.03.1985,+7 912 345-67-89,petr@example.com,website',
  'A-2,Смирнова,Анна,1990-07-01,8 903 111-22-33,,Сайт',
  'A-3,Wang,Li,1979-12-31,+86 138 0013 8000,li@example.cn,',
];
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

describe('import.patients from CSV', () => {
  it('refuses the whole file when one row is bad, naming its line and field', async () => {
    const file = csv(GOOD[0], GOOD[1], 'A-4,Петров,Иван,31.02.1980,,,', GOOD[2]);
    const r = await importFile('patients.csv', file);
    expect(r.errors).toEqual([{ line: 4, field: 'birthDate', reason: expect.stringContaining('31.02.1980') }]);
    expect(r.total).toBe(4);
    expect(r.committed).toBe(false);
    expect(await count(clinic, 'patients')).toBe(0);
  });

  it('reports a dry run without writing anything', async () => {
    const auditBefore = await count(clinic, 'audit_log');
    const r = await importFile('patients.csv', csv(...GOOD), { dryRun: true });
    expect(r).toEqual({ dryRun: true, total: 3, created: 3, updated: 0, skipped: 0, errors: [], committed: false });
    expect(await count(clinic, 'patients')).toBe(0);
    expect(await count(clinic, 'audit_log')).toBe(auditBefore);
  });

  it('imports a good file, and a second import of it updates by external id instead of duplicating', async () => {
    const first = await importFile('patients.csv', csv(...GOOD));
    expect(first).toMatchObject({ created: 3, updated: 0, skipped: 0, errors: [], committed: true });
    const rows = await patients();
    expect(rows.map((p) => [p.external_id, p.last_name, p.birth_date, p.phone])).toEqual([
      ['A-1', 'Иванов', '1985-03-14', '+79123456789'],
      ['A-2', 'Смирнова', '1990-07-01', '+79031112233'],
      ['A-3', 'Wang', '1979-12-31', '+8613800138000'],
    ]);
    expect(rows[0].phone_national).toBe('89123456789');
    // "website" is the code and "Сайт" the name of the same source.
    expect(rows[0].source_id).toBe(clinic.sourceId);
    expect(rows[1].source_id).toBe(clinic.sourceId);
    expect(rows[2].source_id).toBeNull();

    const edited = csv(GOOD[0].replace('Пётр', 'Петр'), GOOD[1], GOOD[2]);
    const second = await importFile('patients.csv', edited);
    expect(second).toMatchObject({ created: 0, updated: 3, skipped: 0, errors: [], committed: true });
    expect(await count(clinic, 'patients')).toBe(3);
    expect((await patients())[0].first_name).toBe('Петр');
    const found = await clinic.call('reception', 'patients.search', { query: 'Петр' });
    expect(found.items.map((i) => i.lastName)).toEqual(['Иванов']);
  });

  it('imports only the good rows when allOrNothing is off, and reports the bad ones', async () => {
    const file = csv(GOOD[0], 'A-4,Петров,Иван,31.02.1980,,,', GOOD[1], 'A-5,,Олег,,,,');
    const r = await importFile('patients.csv', file, { allOrNothing: false });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'birthDate'],
      [5, 'lastName'],
    ]);
    expect(r).toMatchObject({ created: 2, updated: 0, committed: true });
    expect((await patients()).map((p) => p.external_id)).toEqual(['A-1', 'A-2']);
  });

  it('skips a row without external id that matches an existing patient', async () => {
    await clinic.call('reception', 'patients.create', { lastName: 'Иванов', firstName: 'Пётр', phone: '+79123456789', sourceId: clinic.sourceId });
    const r = await importFile('p.csv', 'Фамилия,Имя,Телефон\nИванов,Пётр,89123456789\nНовиков,Олег,\n');
    expect(r).toMatchObject({ created: 1, skipped: 1, errors: [] });
    expect(await count(clinic, 'patients')).toBe(2);
  });

  it('reads a semicolon-separated file with a BOM and Russian headers', async () => {
    const file = '\uFEFFФамилия;Имя;Телефон;Дата рождения\r\nКозлова;Ирина;+7 (921) 555-44-33;01.02.1975\r\nЛебедев;Олег;;\r\n';
    const r = await importFile('выгрузка.csv', file);
    expect(r).toMatchObject({ total: 2, created: 2, errors: [], committed: true });
    const rows = await patients();
    expect(rows.map((p) => [p.last_name, p.first_name, p.phone, p.birth_date])).toEqual([
      ['Козлова', 'Ирина', '+79215554433', '1975-02-01'],
      ['Лебедев', 'Олег', null, null],
    ]);
  });

  it('refuses a file without a last-name column with one error on the header line', async () => {
    const r = await importFile('p.csv', 'first_name,phone\nАнна,+79031112233\n');
    expect(r.errors).toEqual([{ line: 1, field: 'header', reason: expect.any(String) }]);
    expect(r.committed).toBe(false);
    expect(await count(clinic, 'patients')).toBe(0);
  });

  it('creates a source for an unknown source name, once', async () => {
    const sourcesBefore = await count(clinic, 'sources');
    const r = await importFile('p.csv', 'last_name,first_name,source\nОрлов,Иван,Instagram Ads\nОрлова,Мария,instagram ads\n');
    expect(r.created).toBe(2);
    expect(await count(clinic, 'sources')).toBe(sourcesBefore + 1);
    const source = await clinic.database.db.selectFrom('sources').selectAll().where('name', '=', 'Instagram Ads').executeTakeFirstOrThrow();
    expect(source.code).toBe('instagram-ads');
    expect((await patients()).map((p) => p.source_id)).toEqual([source.id, source.id]);
  });

  it('names the phone field for a malformed phone', async () => {
    const r = await importFile('p.csv', csv('A-9,Зайцев,Юрий,,12,,'));
    expect(r.errors).toEqual([{ line: 2, field: 'phone', reason: expect.stringContaining('12') }]);
    expect(await count(clinic, 'patients')).toBe(0);
  });

  it('names the external id repeated within one file', async () => {
    const r = await importFile('p.csv', csv(GOOD[0], GOOD[0].replace('Иванов', 'Иванова')));
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[3, 'externalId']]);
    expect(await count(clinic, 'patients')).toBe(0);
  });

  it('is refused to reception and rejects a file that cannot be read', async () => {
    const denied = await rejection(clinic.call('reception', 'import.patients', { fileName: 'p.csv', contentBase64: base64(csv(...GOOD)) }));
    expect(denied.code).toBe('forbidden');
    const broken = await rejection(importFile('p.xlsx', 'this is not a zip file'));
    expect(broken.code).toBe('invalid_input');
    expect(broken.extra.issues![0].path).toBe('contentBase64');
    expect(await count(clinic, 'patients')).toBe(0);
  });
});

describe('import.patients from XLSX', () => {
  it('reads numbers and date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Пациенты');
    sheet.addRow(['Код', 'Фамилия', 'Имя', 'Дата рождения', 'Телефон', 'Дата регистрации']);
    sheet.addRow([1001, 'Морозов', 'Павел', new Date(Date.UTC(1988, 4, 9)), 79161234567, new Date(Date.UTC(2019, 0, 15))]);
    sheet.addRow([1002, 'Волкова', 'Елена', new Date(Date.UTC(2001, 11, 31)), '+7 926 765-43-21', null]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    const r = await importFile('пациенты.xlsx', buffer);
    expect(r).toMatchObject({ total: 2, created: 2, errors: [], committed: true });
    const rows = await patients();
    expect(rows.map((p) => [p.external_id, p.last_name, p.birth_date, p.phone])).toEqual([
      ['1001', 'Морозов', '1988-05-09', '+79161234567'],
      ['1002', 'Волкова', '2001-12-31', '+79267654321'],
    ]);
    expect(rows[0].created_at.startsWith('2019-01-15')).toBe(true);
  });
});
