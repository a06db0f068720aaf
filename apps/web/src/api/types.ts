import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body an operation answers with (its 200 or 201), as the generated schema declares it. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? 200 extends keyof R
    ? JsonOf<R[200]>
    : 201 extends keyof R
      ? JsonOf<R[201]>
      : never
  : never;

/** The JSON body an operation takes. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/**
 * The generated type, or `Fallback` while the operation does not yet declare its response in the
 * OpenAPI document. Once it does, the generated type wins without touching the callers.
 */
export type Declared<T, Fallback> = [T] extends [never] ? Fallback : T;
