import { beforeEach, describe, expect, it } from 'vitest';
import { LATER_DAYS, base64UrlToBytes, countInboxVisit, laterUntil, rememberLater, shouldOffer } from './push';

beforeEach(() => localStorage.clear());

describe('the server key', () => {
  it('is base64url without padding, turned into bytes', () => {
    expect([...base64UrlToBytes('AQID')]).toEqual([1, 2, 3]);
    // "-" and "_" stand for "+" and "/"; missing "=" is fine.
    expect([...base64UrlToBytes('-_8')]).toEqual([0xfb, 0xff]);
    expect([...base64UrlToBytes('_w')]).toEqual([0xff]);
    expect([...base64UrlToBytes(' AQ ')]).toEqual([1]);
  });

  it('a VAPID key is a 65-byte uncompressed P-256 point', () => {
    const key = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
    const bytes = base64UrlToBytes(key);
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(0x04);
  });
});

describe('when to offer push', () => {
  const now = Date.UTC(2026, 4, 1);

  it('only at the right moment, when it is possible and off', () => {
    expect(shouldOffer('off', true, now)).toBe(true);
    expect(shouldOffer('off', false, now)).toBe(false);
    expect(shouldOffer('on', true, now)).toBe(false);
    expect(shouldOffer('denied', true, now)).toBe(false);
    expect(shouldOffer('unsupported', true, now)).toBe(false);
  });

  it('"Để sau" is remembered for 30 days', () => {
    rememberLater(now);
    const day = 24 * 3600 * 1000;
    expect(laterUntil(now)).toBe(now + LATER_DAYS * day);
    expect(shouldOffer('off', true, now + day)).toBe(false);
    expect(shouldOffer('off', true, now + 29 * day)).toBe(false);
    expect(shouldOffer('off', true, now + 30 * day + 1)).toBe(true);
  });

  it('counts visits to the inbox on this device', () => {
    expect(countInboxVisit()).toBe(1);
    expect(countInboxVisit()).toBe(2);
    expect(countInboxVisit()).toBe(3);
  });
});
