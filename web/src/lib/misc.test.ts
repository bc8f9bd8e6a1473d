// Small pure helpers: paths, waits, QR drawing, device names, secrets.
import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { memberQrValue } from '../components/MemberCard';
import { qrPath } from '../components/QrCode';
import { formatDate, formatWait } from '../i18n/vi';
import { describeDevice } from '../pages/Sessions';
import { groupSecret } from '../pages/TotpSetup';
import { matchPath, normalize } from './router';

describe('matchPath', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/units/:id', '/units/12')).toEqual({ id: '12' });
    expect(matchPath('/units/:id', '/units/12/')).toEqual({ id: '12' });
    expect(matchPath('/units/:id', '/units')).toBeNull();
    expect(matchPath('/units/:id', '/units/12/members')).toBeNull();
    expect(matchPath('/a/:x', '/a/%E1%BA%A1')).toEqual({ x: 'ạ' });
    expect(matchPath('/a/:x', '/a/%E0%A4%A')).toBeNull();
  });
  it('normalizes trailing slashes', () => {
    expect(normalize('/profile/')).toBe('/profile');
    expect(normalize('/')).toBe('/');
    expect(normalize('')).toBe('/');
  });
});

describe('Vietnamese formatting', () => {
  it('says waits in minutes and seconds', () => {
    expect(formatWait(45)).toBe('45 giây');
    expect(formatWait(60)).toBe('1 phút');
    expect(formatWait(90)).toBe('1 phút 30 giây');
    expect(formatWait(900)).toBe('15 phút');
    expect(formatWait(0.2)).toBe('1 giây');
  });
  it('shows calendar dates day first without a time-zone shift', () => {
    expect(formatDate('1970-03-05')).toBe('05/03/1970');
    expect(formatDate(null)).toBe('Chưa có');
  });
});

describe('QR code', () => {
  it('identifies the member by id only', () => {
    expect(memberQrValue({ id: 17 })).toBe('sotay:member:17');
  });
  it('draws exactly the dark modules of the matrix', () => {
    const qr = encode('sotay:member:17', { ecc: 'M', border: 4 });
    const d = qrPath(qr.data);
    // Re-rasterize the path's rectangles and compare with the matrix.
    const grid = qr.data.map((row) => row.map(() => false));
    for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-?\d+z/g)) {
      const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
      for (let i = 0; i < w; i++) grid[y]![x + i] = true;
    }
    expect(grid).toEqual(qr.data);
  });
});

describe('device names', () => {
  it('reads common phones and browsers', () => {
    expect(
      describeDevice('Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'),
    ).toBe('Chrome trên Android');
    expect(
      describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari trên iPhone/iPad');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36 Edg/120')).toBe(
      'Edge trên Windows',
    );
    expect(describeDevice('')).toBe('Thiết bị không rõ');
  });
});

describe('TOTP secret', () => {
  it('is grouped by four for copying by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
  });
});
