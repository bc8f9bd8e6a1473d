// The library's and the news' API shapes, named from the generated OpenAPI types (schema.d.ts).
import type { components } from '../../api/schema';

type S = components['schemas'];

export type DocumentKind = S['DocumentKind'];
export type DocumentLevel = S['DocumentLevel'];
export type LegalStatus = S['LegalStatus'];
export type DocumentRelation = S['DocumentRelation'];
export type ItemKind = S['ItemKind'];
export type DocumentSummary = S['DocumentSummary'];
export type DocumentFull = S['Document'];
export type DocumentPage = S['DocumentPage'];
export type DocumentFacets = S['DocumentFacets'];
export type Section = S['Section'];
export type Attachment = S['Attachment'];
export type Facet = S['Facet'];
export type SearchResponse = S['SearchResponse'];
export type SearchResult = S['SearchResult'];
export type NewsSummary = S['NewsSummary'];
export type NewsArticle = S['NewsArticle'];
export type NewsPage = S['NewsPage'];
export type ReadingEvent = S['ReadingEvent'];
export type RequiredReading = S['RequiredReading'];
