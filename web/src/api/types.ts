// Names for the API's shapes, all taken from the generated OpenAPI types (schema.d.ts, made by
// `npm run gen:api` from server/src/api/openapi.json). Nothing here is written by hand, so a field
// renamed on the server fails `tsc` wherever the app uses it.
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type Member = Schemas['Member'];
export type MemberDetail = Schemas['MemberDetail'];
export type MemberInput = Schemas['MemberInput'];
export type MemberPage = Schemas['MemberPage'];
export type Unit = Schemas['Unit'];
export type UnitDetail = Schemas['UnitDetail'];
export type UnitVersion = Schemas['UnitVersion'];
export type Position = Schemas['Position'];
export type Grant = Schemas['Grant'];
export type SessionInfo = Schemas['SessionInfo'];
export type SignInRequest = Schemas['SignInRequest'];
export type SignInResult = Schemas['SignInResult'];
export type ImportReport = Schemas['ImportReport'];
export type ImportJob = Schemas['ImportJob'];
export type Account = Schemas['Account'];
export type AuditEntry = Schemas['AuditEntry'];
export type ErrorEnvelope = Schemas['Error'];
export type FieldError = NonNullable<ErrorEnvelope['error']['fields']>[number];
// Notices (decision 0006).
export type InboxItem = Schemas['InboxItem'];
export type InboxPage = Schemas['InboxPage'];
export type NoticeVersion = Schemas['NoticeVersion'];
export type NoticePriority = Schemas['NoticePriority'];
export type NoticeRole = Schemas['NoticeRole'];
export type NoticeAudience = Schemas['NoticeAudience'];
export type NoticeInput = Schemas['NoticeInput'];
export type NoticeSummary = Schemas['NoticeSummary'];
export type NoticeDetail = Schemas['NoticeDetail'];
export type NoticeFile = Schemas['NoticeFile'];
export type NoticeCounts = Schemas['NoticeCounts'];
export type NoticeStats = Schemas['NoticeStats'];
export type NoticePending = Schemas['NoticePending'];
export type NotificationPref = Schemas['NotificationPref'];

export type Role = Grant['role'];

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

// The operation object for a path and method; `never` when the spec has no such operation.
export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

// Paths that have an operation for method M: api.get('/me') is allowed, api.get('/session') is not.
export type PathsWith<M extends Method> = {
  [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof paths];

type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;

// The JSON body of the success answer (200, 201 or 202, whichever the spec declares).
export type SuccessBody<O> = O extends { responses: infer R }
  ? JsonContent<R[Extract<keyof R, 200 | 201 | 202>]>
  : never;

type BodyOf<O> = O extends { requestBody?: infer R } ? NonNullable<R> : never;
type JsonBodyOf<O> = [BodyOf<O>] extends [never]
  ? never
  : BodyOf<O> extends { content: { 'application/json': infer B } }
    ? B
    : never;
// The JSON request body; `undefined` when the operation takes none, optional when the spec says so.
export type RequestBody<O> = [JsonBodyOf<O>] extends [never]
  ? undefined
  : O extends { requestBody: unknown }
    ? JsonBodyOf<O>
    : JsonBodyOf<O> | undefined;

type Params<O> = O extends { parameters: infer P } ? P : never;
export type PathParams<O> = Params<O> extends { path: infer X } ? X : undefined;
export type QueryParams<O> = Params<O> extends { query?: infer Q } ? Q : undefined;
