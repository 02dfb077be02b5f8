import { describe, expect, it } from 'vitest';
import { fifteenDigits, parseNumberText, plainNumber, plainNumberBytes, round, shownDecimals } from '../../src/text/number.js';

const num = (text: string, conv: 'vi' | 'en' = 'vi') => {
  const r = parseNumberText(text, conv);
  return r.kind === 'number' ? r.value : r.kind;
};

describe('numbers written as text', () => {
  it('reads the Vietnamese convention', () => {
    expect(num('36,44')).toBe(36.44);
    expect(num('214.258')).toBe(214258);
    expect(num('1.500')).toBe(1500);
    expect(num('7.000')).toBe(7000);
    expect(num('1.234,5')).toBe(1234.5);
    expect(num('1.500.000')).toBe(1500000);
    expect(num('0,03')).toBe(0.03);
    expect(num('0.095')).toBe(0.095);
    expect(num('2,01')).toBe(2.01);
  });
  it('reads the English convention', () => {
    expect(num('1,234.5')).toBe(1234.5);
    expect(num('214,258', 'en')).toBe(214258);
    expect(num('36.44', 'en')).toBe(36.44);
    expect(num('1,500', 'en')).toBe(1500);
  });
  it('keeps percent text as the percent number', () => {
    expect(parseNumberText('89,74%')).toEqual({ kind: 'number', value: 89.74, percent: true });
    expect(parseNumberText('74,2 %')).toEqual({ kind: 'number', value: 74.2, percent: true });
  });
  it('reads signs and spaces as thousands separators', () => {
    expect(num('-1.234,5')).toBe(-1234.5);
    expect(num('1 500 000')).toBe(1500000);
  });
  it('treats dashes, x, "không" and empty as missing, not zero', () => {
    for (const t of ['', '-', 'x', 'X', 'không', '—']) expect(num(t)).toBe('missing');
  });
  it('rejects what is not a number', () => {
    for (const t of ['abc', '12a', '1,2,3', '1..2', '36,44,1', '1.23.4']) expect(num(t)).toBe('bad');
  });
  it('rounds half away from zero without binary artefacts', () => {
    expect(round(121.46666, 2)).toBe(121.47);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(105.5764705, 2)).toBe(105.58);
    expect(round(-2.345, 2)).toBe(-2.35);
  });
  it('gives a whole count back as it is (the shortcut agrees with the general rounding)', () => {
    // The general path, as round() computes it for a value that is not a whole count below 10⁹.
    const general = (value: number, decimals: number) => (Math.sign(value) * Math.round(Number((Math.abs(value) * 10 ** decimals).toPrecision(15)))) / 10 ** decimals;
    for (const v of [0, 1, -1, 7, 482, -3644, 214258, 999_999_999, -999_999_999, 123_456_789]) {
      for (let d = 0; d <= 6; d++) expect(round(v, d)).toBe(general(v, d));
      expect(shownDecimals(v, 0)).toBe(0);
      expect(shownDecimals(v, 2)).toBe(2);
    }
    expect(Object.is(round(-0, 2), -0)).toBe(true);
    expect(round(1234567890123, 0)).toBe(1234567890123); // above the shortcut: the general path
    expect(round(15, -1)).toBe(20); // negative decimals: the general path
    expect(shownDecimals(4.5, 0)).toBe(1);
    expect(shownDecimals(36.44, 1)).toBe(2);
  });
});

describe('the plain-number shortcut', () => {
  // A leading blank takes the general path (it trims); without one, plain digits take the shortcut. Both
  // must read every text the same way, in both conventions.
  it('reads 20,000 random texts of digits and marks as the general path does', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const alphabet = '0123456789012345678901234567890123456789.,';
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let k = 1 + next(17); k > 0; k--) text += alphabet[next(alphabet.length)];
      for (const conv of ['vi', 'en'] as const) {
        const shortcut = parseNumberText(text, conv);
        const general = parseNumberText(` ${text}`, conv);
        expect({ text, conv, value: shortcut.kind === 'number' ? shortcut.value : shortcut.kind }).toEqual({ text, conv, value: general.kind === 'number' ? general.value : general.kind });
      }
    }
  });
});

describe('plainNumberBytes: plainNumber read from the bytes', () => {
  const both = (text: string, convention: 'vi' | 'en') => {
    const bytes = Buffer.from(`#${text}#`, 'latin1');
    return [plainNumber(text, convention), plainNumberBytes(bytes, 1, 1 + text.length, convention)];
  };

  it('gives the number plainNumber gives, or undefined where it does, for every text of up to 5 digits and marks', () => {
    const symbols = '0123456789.,';
    let checked = 0;
    for (let length = 1; length <= 5; length++) {
      for (let k = 0; k < symbols.length ** length; k++) {
        let text = '';
        for (let i = 0, x = k; i < length; i++, x = Math.floor(x / symbols.length)) text += symbols[x % symbols.length];
        for (const convention of ['vi', 'en'] as const) {
          const [a, b] = both(text, convention);
          if (!Object.is(a, b)) expect([text, convention, b]).toEqual([text, convention, a]);
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * (12 + 12 ** 2 + 12 ** 3 + 12 ** 4 + 12 ** 5));
  });

  it('long numbers: the double Number() reads (one rounding), up to 15 characters', () => {
    for (const text of ['12345678901234', '1234567890.1234', '0.1234567890123', '9007199254740', '99999999999999', '123456789012345', '1234567890123456', '0.30000000000000', '4.35', '1.005', '2.675']) {
      for (const convention of ['vi', 'en'] as const) {
        const [a, b] = both(text, convention);
        expect(b, text).toBe(a);
      }
    }
    expect(plainNumberBytes(Buffer.from('1.005'), 0, 5, 'en')).toBe(1.005);
    expect(plainNumberBytes(Buffer.from('214.258'), 0, 7, 'vi')).toBe(214258);
    expect(plainNumberBytes(Buffer.from('36,44'), 0, 5, 'vi')).toBe(36.44);
    expect(plainNumberBytes(Buffer.from('1234567890123456'), 0, 16, 'en')).toBeUndefined();
    expect(plainNumberBytes(Buffer.from('-5'), 0, 2, 'en')).toBeUndefined();
    expect(plainNumberBytes(Buffer.from(' 5'), 0, 2, 'en')).toBeUndefined();
  });
});

describe('fifteenDigits: Number(value.toPrecision(15)) with a short way for figures read from files', () => {
  const slow = (v: number) => Number(v.toPrecision(15));
  it('equals the slow way on decimals, sums with binary noise, huge, tiny and negative values', () => {
    const values: number[] = [0.1 + 0.2, 1 - 1e-16, 0.999999999999999, 1e15 - 0.5, 123456789012345.6, 1e-7, 5e-324, 1e300, -2.5, -36.44, 2.675, 1.005];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 50_000; i++) {
      const decimals = Math.floor(next() * 9);
      const digits = Math.floor(next() * 10 ** (1 + Math.floor(next() * 15)));
      values.push(digits / 10 ** decimals, (digits / 10 ** decimals) * (next() < 0.5 ? -1 : 1), next() * 10 ** (Math.floor(next() * 40) - 20), digits / 10 ** decimals + 0.1 + 0.2);
    }
    let short = 0;
    for (const v of values) {
      expect(Object.is(fifteenDigits(v), slow(v)) ? v : [v, fifteenDigits(v), slow(v)]).toBe(v);
      if (fifteenDigits(v) === v) short++;
    }
    expect(short).toBeGreaterThan(values.length / 4);
  });
});

describe('round: the short way gives what 15 digits give', () => {
  const slow = (value: number, decimals: number) => (Math.sign(value) * Math.round(Number((Math.abs(value) * 10 ** decimals).toPrecision(15)))) / 10 ** decimals;
  it('on half-way cases, binary noise and random values', () => {
    const cases: [number, number][] = [[2.675, 2], [1.005, 2], [1.255, 2], [0.285, 2], [-2.5, 0], [-0.0049, 2], [36.445, 2], [1e9 + 0.5, 0], [0.1 + 0.2, 1], [99.995, 2]];
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 50_000; i++) {
      const decimals = Math.floor(next() * 4);
      const v = Math.floor(next() * 10 ** (1 + Math.floor(next() * 10))) / 10 ** (decimals + Math.floor(next() * 3)) + (next() < 0.3 ? 0.5 / 10 ** decimals : 0);
      cases.push([next() < 0.5 ? v : -v, decimals]);
    }
    for (const [v, d] of cases) expect(Object.is(round(v, d), slow(v, d)) ? 'same' : [v, d, round(v, d), slow(v, d)]).toBe('same');
  });
});
