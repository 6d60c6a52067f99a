/**
 * A small JSON writer whose integers can come from strings, so a 64-bit id is written exactly
 * (`9007199254740993`) instead of through a JavaScript number that would round it.
 */

/** An integer literal written as given; the digits are checked when it is made. */
export class JsonInteger {
  constructor(readonly digits: string) {
    if (!/^-?(0|[1-9][0-9]*)$/.test(digits)) {
      throw new RangeError(`not an integer literal: ${JSON.stringify(digits)}`);
    }
  }
}

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonInteger
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** An integer from an id string, or null when there is none. */
export function jsonId(id: string | null): JsonInteger | null {
  return id === null ? null : new JsonInteger(id);
}

export function writeJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  if (value instanceof JsonInteger) return value.digits;
  const entries = Object.entries(value as { readonly [key: string]: JsonValue });
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${writeJson(v)}`).join(',')}}`;
}
