// Every UI string exists in all four languages, with the same placeholders.
import { describe, expect, it } from 'vitest';
import en from '../../renderer/i18n/locales/en';
import ru from '../../renderer/i18n/locales/ru';
import uk from '../../renderer/i18n/locales/uk';
import zh from '../../renderer/i18n/locales/zh';
import { NAMESPACES } from '../../renderer/i18n/namespaces';

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
