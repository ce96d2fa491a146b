/**
 * Contract checks for HTTP test doubles: a fake server asks `checkRequest` about every request it
 * receives and refuses what the provider's published OpenAPI document would not accept — an unknown
 * path or method, a missing or mistyped path, query or header parameter, a JSON body that does not
 * fit the operation's request schema. So a fake cannot drift into accepting calls the real API rejects.
 *
 * Works with OpenAPI 3.0 (Ajv's draft-07 validator, which understands `nullable`) and 3.1 (Ajv's
 * draft 2020-12 validator). `$ref`s resolve within the document. The documents live in
 * `test/support/contracts/` (copies of the published documents, sources in its README); a document's known gaps (listed in that folder's
 * README) are corrected when it is loaded, and a test may pass further corrections.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** `test/support/contracts/`: the copies of the published API documents kept in the repository (see its README). */
export const CONTRACTS_DIR = resolve(import.meta.dirname, '../contracts');

export interface OperationMatch {
  operationId: string;
  /** The path template the request matched, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  template: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

export type HeaderValues = Record<string, string | string[] | undefined>;

export interface ContractRequest {
  method: string;
  /** The URL path without the query string, as sent (percent-encoded). */
  pathname: string;
  query?: URLSearchParams | Record<string, string | string[] | undefined>;
  /** Header names in any case (Node's `IncomingMessage.headers` fits). */
  headers?: HeaderValues;
  /** The raw body text (parsed as JSON when the operation takes JSON), or an already parsed value. */
  body?: unknown;
}

export interface Contract {
  /** The document's `info.title`. */
  title: string;
  /** The operation a request would reach, or undefined when no path and method of the document fit. */
  match(method: string, pathname: string): OperationMatch | undefined;
  /** Every way the request breaks the contract; empty when it is valid. */
  checkRequest(request: ContractRequest): string[];
  /** Every way a JSON response (of a fake) breaks the contract of the operation it answers; empty when it fits. */
  checkResponse(response: ContractResponse): string[];
}

export interface ContractResponse {
  method: string;
  pathname: string;
  status: number;
  /** The parsed JSON body, or undefined when there is none. */
  body?: unknown;
}

/**
 * A small fix to a published document: the value to set at a JSON pointer (RFC 6901), creating
 * missing objects on the way. `reason` says which gap it closes, for whoever reads the fake later.
 */
export interface SchemaCorrection {
  pointer: string;
  value: unknown;
  reason: string;
}

export interface LoadContractOptions {
  /** Where relative names are looked up (default `CONTRACTS_DIR`). */
  directory?: string;
  /** Applied after the known corrections of the document. */
  corrections?: readonly SchemaCorrection[];
  /** Apply the corrections this module knows for the document (default true). */
  knownCorrections?: boolean;
}

/** Escapes a path template (or any key) for use as one JSON pointer segment. */
export const pointerSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

const listContactsParameters = [
  { $ref: '#/components/parameters/PaginationLimit' },
  { $ref: '#/components/parameters/PaginationAfter' },
  { $ref: '#/components/parameters/PaginationBefore' },
];
const listContactsResponses = {
  '200': {
    description: 'OK',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ListContactsResponseSuccess' } } },
  },
};

/** The gaps of `resend.openapi.json` (commit fd6f395, 2026-08-21) corrected below, each with its reason. */
export const RESEND_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    pointer: '/components/schemas/CreateContactOptions/properties/segments/items',
    value: { type: 'object', required: ['id'], properties: { id: { type: 'string', description: 'The segment ID.' } } },
    reason: 'The document types contacts.segments as string[]; the API docs and the resend SDK send [{ "id": ... }].',
  },
  {
    pointer: `/paths/${pointerSegment('/segments/{segment_id}/contacts')}`,
    value: {
      get: {
        operationId: 'segments/list-contacts',
        summary:
          'List the contacts of a segment (called by resend.contacts.list({ segmentId }); missing from the document)',
        parameters: [
          { name: 'segment_id', in: 'path', required: true, schema: { type: 'string' } },
          ...listContactsParameters,
        ],
        responses: listContactsResponses,
      },
    },
    reason: 'The SDK calls GET /segments/{id}/contacts, which the document does not list.',
  },
  {
    pointer: `/paths/${pointerSegment('/audiences/{audience_id}/contacts')}`,
    value: {
      get: {
        operationId: 'audiences/list-contacts',
        summary: 'List the contacts of an audience (deprecated form; missing from the document)',
        parameters: [
          { name: 'audience_id', in: 'path', required: true, schema: { type: 'string' } },
          ...listContactsParameters,
        ],
        responses: listContactsResponses,
      },
      post: {
        operationId: 'audiences/create-contact',
        summary:
          'Create a contact in an audience (called by resend.contacts.create({ audienceId }); missing from the document)',
        parameters: [{ name: 'audience_id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateContactOptions' } } },
        },
        responses: { '201': { description: 'Created' } },
      },
    },
    reason: 'The SDK calls GET and POST /audiences/{id}/contacts, which the document does not list.',
  },
  {
    pointer: '/components/schemas/Email/properties/html/type',
    value: ['string', 'null'],
    reason: 'GET /emails/{id} types html as string; the SDK (and the API) return null when there is none.',
  },
  {
    pointer: '/components/schemas/Email/properties/text/type',
    value: ['string', 'null'],
    reason: 'GET /emails/{id} types text as string; the SDK (and the API) return null when there is none.',
  },
];

/** Known corrections by document title. (GitHub's known gap is in a response example, which no check reads.) */
const KNOWN_CORRECTIONS: Record<string, readonly SchemaCorrection[]> = { Resend: RESEND_CORRECTIONS };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DOCUMENT_ID = 'https://contract.invalid/openapi.json';

type Json = Record<string, unknown>;
interface Located<T> {
  node: T;
  pointer: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
  /** Where its schema is, for Ajv. */
  schemaPointer?: string;
}
interface Operation {
  operationId: string;
  method: string;
  template: string;
  pointer: string;
  parameters: Parameter[];
}
interface PathTemplate {
  template: string;
  pointer: string;
  regex: RegExp;
  names: string[];
  /** More literal characters = more specific (`/emails/batch` before `/emails/{email_id}`). */
  literalLength: number;
  operations: Map<string, Operation>;
}

/** Loads a document by file name from `test/support/contracts/` (or by absolute path) and returns its checker. */
export function loadContract(specPath: string, options: LoadContractOptions = {}): Contract {
  const file = locateDocument(specPath, options.directory ?? CONTRACTS_DIR);
  const text = readFileSync(file, 'utf8');
  const document = JSON.parse(text) as Json;
  const version = String(document.openapi ?? '');
  if (!/^3\.[01]\./.test(version))
    throw new Error(`${file} is not an OpenAPI 3.0 or 3.1 document (openapi: "${version}").`);
  const title = String((document.info as Json | undefined)?.title ?? basename(file));

  const corrections = [
    ...(options.knownCorrections === false ? [] : (KNOWN_CORRECTIONS[title] ?? [])),
    ...(options.corrections ?? []),
  ];
  for (const correction of corrections) setAtPointer(document, correction.pointer, structuredClone(correction.value));

  return createContract(document, title, basename(file), version.startsWith('3.1.'));
}

function locateDocument(specPath: string, directory: string): string {
  if (isAbsolute(specPath)) {
    if (!existsSync(specPath)) throw new Error(`API contract not found: ${specPath} does not exist.`);
    return specPath;
  }
  if (!existsSync(directory)) {
    throw new Error(
      `API contracts not found: ${directory} does not exist. The HTTP fakes check requests against the providers' OpenAPI ` +
        `documents kept in test/support/contracts/; restore that folder from git to run these tests.`,
    );
  }
  const file = join(directory, specPath);
  if (!existsSync(file)) {
    const available = readdirSync(directory).filter((name) => /\.(json|ya?ml)$/.test(name));
    throw new Error(
      `API contract not found: ${file} does not exist. ${directory} holds: ${available.join(', ') || 'no documents'}.`,
    );
  }
  return file;
}

function setAtPointer(document: Json, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1).map(unescapeSegment);
  const last = keys.pop();
  if (!pointer.startsWith('/') || last === undefined)
    throw new Error(`A correction needs a JSON pointer such as /components/schemas/X, not "${pointer}".`);
  let node: Json = document;
  for (const key of keys) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[last] = value;
}

const unescapeSegment = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

function getAtPointer(document: Json, pointer: string): unknown {
  let node: unknown = document;
  for (const key of pointer.split('/').slice(1).map(unescapeSegment)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** Follows `$ref`s of non-schema objects (parameters, request bodies), keeping track of where the target is. */
function deref<T>(document: Json, located: Located<unknown>): Located<T> {
  let { node, pointer } = located;
  for (let hops = 0; typeof node === 'object' && node !== null && typeof (node as Json).$ref === 'string'; hops++) {
    const ref = (node as Json).$ref as string;
    if (!ref.startsWith('#/') || hops > 20)
      throw new Error(`Cannot resolve $ref "${ref}" at ${pointer}: only references within the document are supported.`);
    pointer = decodeURIComponent(ref.slice(1));
    node = getAtPointer(document, pointer);
    if (node === undefined) throw new Error(`$ref "${ref}" points at nothing in the document.`);
  }
  return { node: node as T, pointer };
}

function createContract(document: Json, title: string, source: string, is31: boolean): Contract {
  // Strict mode off: OpenAPI schemas carry keywords JSON Schema does not know (example, xml, x-…).
  const ajvOptions = { strict: false, allErrors: true, logger: false as const };
  const createAjv = (coerceTypes: boolean) => {
    const ajv = is31 ? new Ajv2020({ ...ajvOptions, coerceTypes }) : new Ajv({ ...ajvOptions, coerceTypes });
    addFormats(ajv); // includes OpenAPI's int32, int64, float, double, byte, binary, password
    ajv.addSchema(document, DOCUMENT_ID);
    return ajv;
  };
  const cached = (ajv: ReturnType<typeof createAjv>, wrap: boolean) => {
    const validators = new Map<string, ValidateFunction>();
    return (pointer: string) => {
      let validate = validators.get(pointer);
      if (!validate) {
        const ref = { $ref: `${DOCUMENT_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}` };
        validate = ajv.compile(wrap ? { type: 'object', properties: { value: ref } } : ref);
        validators.set(pointer, validate);
      }
      return validate;
    };
  };
  /** Validates a JSON body against the schema at a pointer. */
  const schemaValidator = cached(createAjv(false), false);
  /**
   * Validates `{ value }` against the parameter schema at a pointer. Path, query and header values arrive
   * as text: this Ajv coerces "2" to 2 and "a" to ["a"] before checking (coercion needs a parent object).
   */
  const parameterValidator = cached(createAjv(true), true);

  const templates = indexPaths(document);
  const servers = ((document.servers as Json[] | undefined) ?? [])
    .map((server) => {
      try {
        return new URL(String(server.url)).pathname.replace(/\/$/, '');
      } catch {
        return '';
      }
    })
    .filter((path) => path !== '');
  const security = (document.security as Json[] | undefined) ?? [];

  /** The templates the path fits, most specific first, with their decoded parameters. */
  function candidates(pathname: string) {
    const paths = [
      pathname,
      ...servers.filter((base) => pathname.startsWith(`${base}/`)).map((base) => pathname.slice(base.length)),
    ];
    const found: { template: PathTemplate; raw: string[] }[] = [];
    for (const template of templates) {
      for (const path of paths) {
        const match = template.regex.exec(path);
        if (match) {
          found.push({ template, raw: match.slice(1) });
          break;
        }
      }
    }
    return found;
  }

  function find(method: string, pathname: string) {
    const found = candidates(pathname);
    const hit = found.find(({ template }) => template.operations.has(method.toLowerCase()));
    return { found, hit };
  }

  function decodeParams(template: PathTemplate, raw: string[], problems: string[]): Record<string, string> {
    const params: Record<string, string> = {};
    template.names.forEach((name, index) => {
      const value = raw[index] ?? '';
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        problems.push(`path parameter "${name}" is not valid percent-encoding: "${value}"`);
        params[name] = value;
      }
    });
    return params;
  }

  return {
    title,
    match(method, pathname) {
      const { hit } = find(method, pathname);
      if (!hit) return undefined;
      const operation = hit.template.operations.get(method.toLowerCase())!;
      return {
        operationId: operation.operationId,
        template: hit.template.template,
        params: decodeParams(hit.template, hit.raw, []),
      };
    },

    checkRequest({ method, pathname, query, headers = {}, body }) {
      const { found, hit } = find(method, pathname);
      const upper = method.toUpperCase();
      if (found.length === 0) return [`${upper} ${pathname}: no path in ${source} (${title}) matches this URL.`];
      if (!hit) {
        const allowed = [...new Set(found.flatMap(({ template }) => [...template.operations.keys()]))].map((m) =>
          m.toUpperCase(),
        );
        return [
          `${upper} ${pathname}: ${found[0]!.template.template} has no ${upper} operation (it has ${allowed.join(', ')}).`,
        ];
      }
      const operation = hit.template.operations.get(method.toLowerCase())!;
      const problems: string[] = [];
      const params = decodeParams(hit.template, hit.raw, problems);
      const queryValues = normalizeQuery(query);
      const headerValue = (name: string) => {
        const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
        return Array.isArray(entry) ? entry.join(', ') : entry;
      };

      for (const parameter of operation.parameters) {
        let value: unknown;
        if (parameter.in === 'path') value = params[parameter.name];
        else if (parameter.in === 'query') {
          const values = queryValues.get(parameter.name);
          value = values === undefined ? undefined : values.length === 1 ? values[0] : values;
        } else if (parameter.in === 'header') value = headerValue(parameter.name);
        else continue;
        const label = `${parameter.in} parameter "${parameter.name}"`;
        if (value === undefined || value === '') {
          if (parameter.required || parameter.in === 'path') problems.push(`${label} is required.`);
          continue;
        }
        if (parameter.schemaPointer === undefined) continue;
        const validate = parameterValidator(parameter.schemaPointer);
        if (!validate({ value })) problems.push(...describeErrors(validate.errors, label, '/value'));
      }

      const requirements = (getAtPointer(document, `${operation.pointer}/security`) as Json[] | undefined) ?? security;
      if (requirements.length > 0 && !requirements.some((requirement) => Object.keys(requirement).length === 0)) {
        const schemes = requirements.flatMap((requirement) => Object.keys(requirement));
        const bearer = schemes.some((name) => {
          const scheme = getAtPointer(document, `/components/securitySchemes/${pointerSegment(name)}`) as
            | Json
            | undefined;
          return scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer';
        });
        const authorization = headerValue('authorization');
        if (bearer && !/^Bearer \S+/i.test(authorization ?? ''))
          problems.push(
            `the Authorization header must carry a bearer token ("Authorization: Bearer …"), got ${authorization === undefined ? 'none' : `"${authorization}"`}.`,
          );
      }

      problems.push(...checkBody(operation, body, headerValue('content-type')));
      return problems.map((problem) => `${operation.operationId} (${upper} ${pathname}): ${problem}`);
    },

    checkResponse({ method, pathname, status, body }) {
      const { hit } = find(method, pathname);
      const upper = method.toUpperCase();
      if (!hit) return [`${upper} ${pathname}: no operation of ${source} answers this request.`];
      const operation = hit.template.operations.get(method.toLowerCase())!;
      const responses = (getAtPointer(document, `${operation.pointer}/responses`) as Json | undefined) ?? {};
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => candidate in responses);
      const prefix = `${operation.operationId} (${upper} ${pathname}) response ${status}`;
      if (key === undefined)
        return [
          `${prefix}: the operation documents no such status (it documents ${Object.keys(responses).join(', ')}).`,
        ];
      const response = deref<Json>(document, {
        node: responses[key],
        pointer: `${operation.pointer}/responses/${pointerSegment(key)}`,
      });
      const content = (response.node.content as Json | undefined) ?? {};
      const jsonType = Object.keys(content).find((type) => /^application\/(.+\+)?json$/.test(type));
      if (jsonType === undefined || (content[jsonType] as Json).schema === undefined) {
        return body === undefined || body === '' ? [] : [`${prefix}: the operation documents no body for this status.`];
      }
      const validate = schemaValidator(`${response.pointer}/content/${pointerSegment(jsonType)}/schema`);
      return validate(body) ? [] : describeErrors(validate.errors, `${prefix}: body`, '');
    },
  };

  function checkBody(operation: Operation, body: unknown, contentType: string | undefined): string[] {
    const requestBodyRef = getAtPointer(document, `${operation.pointer}/requestBody`);
    if (requestBodyRef === undefined) return [];
    const requestBody = deref<Json>(document, { node: requestBodyRef, pointer: `${operation.pointer}/requestBody` });
    const isEmpty =
      body === undefined ||
      body === null ||
      (typeof body === 'string' && body.trim() === '') ||
      (body instanceof Uint8Array && body.length === 0);
    if (isEmpty) return requestBody.node.required ? ['a request body is required.'] : [];

    const content = (requestBody.node.content as Json | undefined) ?? {};
    const jsonType = Object.keys(content).find((type) => /^application\/(.+\+)?json$/.test(type));
    if (jsonType === undefined) return []; // multipart or other media types: not checked here
    if (contentType !== undefined && !/^application\/(.+\+)?json\b/i.test(contentType)) {
      if (Object.keys(content).some((type) => contentType.toLowerCase().startsWith(type))) return [];
      return [`the body is sent as "${contentType}", but the operation takes ${Object.keys(content).join(' or ')}.`];
    }
    let value = body;
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
      try {
        value = JSON.parse(text);
      } catch (error) {
        return [`the body is not valid JSON (${(error as Error).message}).`];
      }
    }
    if ((content[jsonType] as Json | undefined)?.schema === undefined) return [];
    const validate = schemaValidator(`${requestBody.pointer}/content/${pointerSegment(jsonType)}/schema`);
    return validate(value) ? [] : describeErrors(validate.errors, 'request body', '');
  }

  function indexPaths(doc: Json): PathTemplate[] {
    const result: PathTemplate[] = [];
    for (const [template, pathItemRef] of Object.entries((doc.paths as Json | undefined) ?? {})) {
      const pathItem = deref<Json>(doc, { node: pathItemRef, pointer: `/paths/${pointerSegment(template)}` });
      const names: string[] = [];
      let literalLength = 0;
      const pattern = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name !== undefined) {
            names.push(name);
            return '([^/]+?)';
          }
          literalLength += part.length;
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      const pathParameters = parametersOf(doc, pathItem.node.parameters, `${pathItem.pointer}/parameters`);
      const operations = new Map<string, Operation>();
      for (const method of HTTP_METHODS) {
        const operation = pathItem.node[method] as Json | undefined;
        if (operation === undefined) continue;
        const pointer = `${pathItem.pointer}/${method}`;
        const own = parametersOf(doc, operation.parameters, `${pointer}/parameters`);
        // Operation-level parameters override path-level ones with the same name and location.
        const parameters = [
          ...pathParameters.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
          ...own,
        ];
        operations.set(method, {
          operationId: String(operation.operationId ?? `${method.toUpperCase()} ${template}`),
          method,
          template,
          pointer,
          parameters,
        });
      }
      result.push({
        template,
        pointer: pathItem.pointer,
        regex: new RegExp(`^${pattern}$`),
        names,
        literalLength,
        operations,
      });
    }
    return result.sort((a, b) => b.literalLength - a.literalLength || a.names.length - b.names.length);
  }
}

function parametersOf(document: Json, list: unknown, pointer: string): Parameter[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry, index) => {
    const { node, pointer: at } = deref<Parameter>(document, { node: entry, pointer: `${pointer}/${index}` });
    return { ...node, schemaPointer: node.schema === undefined ? undefined : `${at}/schema` };
  });
}

function normalizeQuery(query: ContractRequest['query']): Map<string, string[]> {
  const values = new Map<string, string[]>();
  if (query === undefined) return values;
  const entries: [string, string][] =
    query instanceof URLSearchParams
      ? [...query.entries()]
      : Object.entries(query).flatMap(([key, value]) =>
          value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, v]),
        );
  for (const [key, value] of entries) {
    // Both `tags=a&tags=b` and `tags[]=a` spellings count as the parameter `tags`.
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

/** Ajv's errors as sentences: `request body /segments/0 must be string`. */
function describeErrors(errors: ErrorObject[] | null | undefined, subject: string, stripPrefix: string): string[] {
  const sentences = (errors ?? []).map((error) => {
    const path = error.instancePath.startsWith(stripPrefix)
      ? error.instancePath.slice(stripPrefix.length)
      : error.instancePath;
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'enum')
      detail += `: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    if (error.keyword === 'additionalProperties') detail += ` ("${String(error.params.additionalProperty)}")`;
    return `${subject}${path ? ` ${path}` : ''} ${detail}.`;
  });
  return [...new Set(sentences)];
}
