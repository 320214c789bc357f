import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discountOf, moneyText, parseMoney, parsePercent } from '../../shared/domain/money-input';

describe('money typed by people', () => {
  it.each([
    ['1500', 150000],
    ['1 500,50', 150050],
    ['1\u00a0500.5', 150050],
    ['1,234.50', 123450],
    ['1.234,50', 123450],
    ['.5', 50],
    ['0,05', 5],
    ["12'000", 1200000],
  ])('reads %s as %d minor units', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it.each(['', 'abc', '1.234', '1,2,3', '-5', '10.001', '1e3'])('refuses %s', (text) => {
    // "1.234" has three decimals: ambiguous between 1.234 and 1234, so refused.
    expect(parseMoney(text)).toBeNull();
  });

  it('writes an amount the way it reads back', () => {
    expect(moneyText(150000)).toBe('1500');
    expect(moneyText(150050)).toBe('1500.50');
    expect(moneyText(-2505)).toBe('-25.05');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (minor) => parseMoney(moneyText(minor)) === minor));
  });

  it('reads percentages in hundredths and never discounts more than typed', () => {
    expect(parsePercent('12,5')).toBe(1250);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('100.01')).toBeNull();
    expect(discountOf(999, 3333)).toBe(332);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10000 }), (gross, pct) => discountOf(gross, pct) * 10000 <= gross * pct));
  });
});
