/**
 * Reading the service's OpenAPI document in tests: its operations, the components its `$ref`s name, and
 * the base path its paths are relative to (the server's URL ends in /api/v1).
 */

/** A JSON document, read field by field. */
export type Json = Record<string, any>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export interface DocumentedOperation {
  /** Lower case, as the document writes it. */
  readonly method: string;
  /** As documented, relative to the server, with {params}. */
  readonly path: string;
  readonly operation: Json;
}

export function operationsOf(doc: Json): DocumentedOperation[] {
  return Object.entries<Json>(doc['paths'] ?? {}).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

/** The object a local `$ref` (#/components/…) names, followed to the end; any other node as it is. */
export function resolveRef(doc: Json, node: Json): Json {
  let current = node;
  for (let hops = 0; typeof current['$ref'] === 'string'; hops++) {
    const ref: string = current['$ref'];
    if (!ref.startsWith('#/') || hops > 20) throw new Error(`cannot follow the reference ${ref}`);
    const found = ref
      .slice(2)
      .split('/')
      .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json | undefined>((at, part) => at?.[part], doc);
    if (found === undefined) throw new Error(`the reference ${ref} names nothing in the document`);
    current = found;
  }
  return current;
}

/** The path of the first server's URL (/api/v1): where the document's paths are, on the service. */
export function basePath(doc: Json): string {
  const url = doc['servers']?.[0]?.url;
  if (typeof url !== 'string') throw new Error('the document names no server');
  return new URL(url, 'http://relative.invalid').pathname.replace(/\/+$/, '');
}
