// Each area of the UI keeps its strings next to its pages as an i18next
// namespace: `{ en, ru, uk, zh }` with the same keys. tests/unit/i18n.test.ts
// checks every namespace listed in namespaces.ts.
export interface AreaCatalogs<T> {
  en: T;
  ru: T;
  uk: T;
  zh: T;
}
