// Every UI string exists in all four languages, with the same placeholders.
import { describe, expect, it } from 'vitest';
import en from '../../renderer/i18n/locales/en';
import ru from '../../renderer/i18n/locales/ru';
import uk from '../../renderer/i18n/locales/uk';
import zh from '../../renderer/i18n/locales/zh';
import { NAMESPACES } from '../../renderer/i18n/namespaces';
import { gridLocaleText } from '../../renderer/i18n/grid';

function flatten(obj: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v as object, `${prefix}${k}.`));
  }
  return out;
}

const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

const cases: Array<[string, object, object]> = [
  ['ru', en, ru],
  ['uk', en, uk],
  ['zh', en, zh],
  ...Object.entries(NAMESPACES).flatMap(([ns, c]) => (['ru', 'uk', 'zh'] as const).map((l): [string, object, object] => [`${ns} ${l}`, c.en, c[l]])),
];

describe.each(cases)('%s catalog', (_name, english, catalog) => {
  const source = flatten(english);
  const target = flatten(catalog);
  it('has exactly the English keys', () => {
    expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());
  });
  it('keeps every placeholder and translates non-empty', () => {
    for (const [key, text] of Object.entries(source)) {
      expect(placeholders(target[key]), key).toEqual(placeholders(text));
      expect(target[key].trim().length, key).toBeGreaterThan(0);
    }
  });
});

describe('data grid strings', () => {
  it('has the pagination line in every language (MUI X leaves the Russian one in English)', () => {
    const line = (lang: string) => gridLocaleText(lang).paginationDisplayedRows!({ from: 1, to: 25, count: 1300, estimated: undefined });
    expect(line('ru')).toBe('1–25 из 1\u00a0300');
    expect(line('en')).toContain('of');
    for (const lang of ['ru', 'uk', 'zh']) expect(line(lang)).not.toContain(' of ');
  });
});
