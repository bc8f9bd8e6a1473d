import { describe, expect, it } from 'vitest';
import { activeCount, clearHref, documentFilters, hrefWith, searchFilters, toggleHref } from './filters';

const q = (s: string) => new URLSearchParams(s);

describe('library filters in the address', () => {
  it('reads only known values into the API query', () => {
    expect(documentFilters(q('kind=quy_dinh&level=province&topic=%20Chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91%20&year=2025'))).toEqual({
      kind: 'quy_dinh',
      level: 'province',
      topic: 'Chuyển đổi số',
      year: 2025,
    });
    expect(documentFilters(q('kind=drop_table&level=moon&year=abc&topic='))).toEqual({});
    expect(searchFilters(q('status=in_force&unit=12&year=0&kind=chi_thi'))).toEqual({ status: 'in_force', unit: 12, kind: 'chi_thi' });
    expect(searchFilters(q('status=gone&unit=-3'))).toEqual({});
  });

  it('counts active filters', () => {
    expect(activeCount(documentFilters(q('kind=quy_dinh&year=2024')))).toBe(2);
    expect(activeCount({})).toBe(0);
  });

  it('a chip link sets its value, or removes it when already chosen, and drops paging', () => {
    expect(toggleHref('/tai-lieu', q('cursor=abc'), 'kind', 'quy_dinh')).toBe('/tai-lieu?kind=quy_dinh');
    expect(toggleHref('/tai-lieu', q('kind=quy_dinh&year=2025'), 'kind', 'quy_dinh')).toBe('/tai-lieu?year=2025');
    expect(toggleHref('/tai-lieu', q('kind=quy_dinh'), 'kind', 'chi_thi')).toBe('/tai-lieu?kind=chi_thi');
    expect(toggleHref('/tai-lieu/tim-kiem', q('q=dieu le&offset=20'), 'year', '2025')).toBe('/tai-lieu/tim-kiem?q=dieu+le&year=2025');
  });

  it('builds addresses in a stable order and clears filters but keeps the query', () => {
    expect(hrefWith('/tai-lieu', q('year=2025&kind=quy_dinh'), {})).toBe('/tai-lieu?kind=quy_dinh&year=2025');
    expect(hrefWith('/tai-lieu', q(''), { topic: 'Đảng' })).toBe('/tai-lieu?topic=%C4%90%E1%BA%A3ng');
    expect(hrefWith('/tai-lieu', q('kind=x'), { kind: '' })).toBe('/tai-lieu');
    expect(clearHref('/tai-lieu/tim-kiem', q('q=nghi quyet&kind=quy_dinh&unit=3'), ['kind', 'level', 'year', 'status', 'unit'])).toBe(
      '/tai-lieu/tim-kiem?q=nghi+quyet',
    );
  });
});
