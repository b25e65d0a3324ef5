import { describe, expect, it } from 'vitest';
import { MessageCatalogue, SHIPPED_LOCALES } from '../../src/core/i18n/catalogue.ts';

describe('shipped messages', () => {
  const catalogue = MessageCatalogue.load();

  // Plural and select branches are inside a message, so Chinese and English have the same keys.
  it.each(SHIPPED_LOCALES)('%s has every key any shipped locale has', (locale) => {
    const everyKey = new Set(SHIPPED_LOCALES.flatMap((each) => catalogue.keys(each)));
    const own = new Set(catalogue.keys(locale));
    expect([...everyKey].filter((key) => !own.has(key))).toEqual([]);
  });

  it('every {@reference} names a key that exists', () => {
    for (const locale of SHIPPED_LOCALES) {
      const translator = catalogue.translator(locale);
      for (const key of catalogue.keys(locale)) {
        translator.t(key);
      }
      expect([...translator.missing], locale).toEqual([]);
    }
  });
});
