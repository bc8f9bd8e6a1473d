import { describe, expect, it } from 'vitest';
import { documentHref, newsHref, PATHS } from '../../paths';
import { findRoute } from '../../routes';

describe('library and news addresses', () => {
  it('search is not taken for a document id', () => {
    expect(findRoute('/tai-lieu/tim-kiem')?.route.path).toBe(PATHS.documentSearch);
    expect(findRoute('/tai-lieu/12')).toMatchObject({ route: { path: PATHS.document }, params: { id: '12' } });
    expect(findRoute('/tai-lieu')?.route.path).toBe(PATHS.documents);
  });

  it('news feed and article', () => {
    expect(findRoute('/tin-tuc')?.route.path).toBe(PATHS.news);
    expect(findRoute('/tin-tuc/3')).toMatchObject({ route: { path: PATHS.newsArticle }, params: { id: '3' } });
  });

  it('earlier addresses still open the sections', () => {
    expect(findRoute('/news')?.route.load).toBeTypeOf('function');
    expect(findRoute('/documents')?.route.load).toBeTypeOf('function');
  });

  it('deep links name the passage', () => {
    expect(documentHref(12, 'dieu-8-khoan-1')).toBe('/tai-lieu/12#dieu-8-khoan-1');
    expect(documentHref(12)).toBe('/tai-lieu/12');
    expect(documentHref(12, null)).toBe('/tai-lieu/12');
    expect(newsHref(4)).toBe('/tin-tuc/4');
  });
});
