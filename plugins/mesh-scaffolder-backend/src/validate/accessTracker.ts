const typeMetaKeys = new Set(['apiVersion', 'kind', 'metadata']);

/** What a validator did with one object node: which keys it looked up, whether it listed them. */
interface NodeAccess {
  keys: Set<string>;
  enumerated: boolean;
}

/**
 * Finds fields a schema does not declare by watching a precompiled validator work.
 *
 * The kubernetes-models validators are compiled from CRD schemas, which never say
 * `additionalProperties: false` (the API server prunes unknown fields instead), so they accept
 * any extra key. But the compiled code reads every declared property by name, and enumerates the
 * keys of maps (`additionalProperties` schemas). Running it over a Proxy therefore tells, per
 * object, which keys the schema knows: a key never read on an object whose other keys were read
 * is unknown. An object whose keys were enumerated is a map; one with no reads at all is
 * free-form (`x-kubernetes-preserve-unknown-fields`) and is accepted as is.
 */
export class AccessTracker {
  private readonly nodes = new Map<string, NodeAccess>();

  /** A read-only view of `value` that records what is read, for the validator to run on. */
  track(value: unknown, pointer = ''): unknown {
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const access: NodeAccess = { keys: new Set(), enumerated: false };
    this.nodes.set(pointer, access);
    const isArray = Array.isArray(value);
    return new Proxy(value as object, {
      get: (target, key, receiver) => {
        const child = Reflect.get(target, key, receiver);
        if (
          typeof key !== 'string' ||
          !Object.prototype.hasOwnProperty.call(target, key)
        ) {
          if (typeof key === 'string' && !isArray) access.keys.add(key);
          return child;
        }
        if (!isArray) access.keys.add(key);
        return this.track(child, `${pointer}/${escapePointer(key)}`);
      },
      has: (target, key) => {
        if (typeof key === 'string' && !isArray) access.keys.add(key);
        return Reflect.has(target, key);
      },
      ownKeys: target => {
        access.enumerated = true;
        return Reflect.ownKeys(target);
      },
      set: () => false,
      deleteProperty: () => false,
      defineProperty: () => false,
    });
  }

  /** JSON pointers of every field of `value` that the validator showed to be undeclared. */
  unknownFields(value: unknown, pointer = ''): string[] {
    if (value === null || typeof value !== 'object') {
      return [];
    }
    if (Array.isArray(value)) {
      return value.flatMap((item, i) =>
        this.unknownFields(item, `${pointer}/${i}`),
      );
    }
    const access = this.nodes.get(pointer);
    const strict =
      access !== undefined &&
      !access.enumerated &&
      declaredKeys(access, pointer).length > 0;
    const found: string[] = [];
    for (const [key, child] of Object.entries(
      value as Record<string, unknown>,
    )) {
      const childPointer = `${pointer}/${escapePointer(key)}`;
      if (strict && !access.keys.has(key)) {
        found.push(childPointer);
      } else {
        found.push(...this.unknownFields(child, childPointer));
      }
    }
    return found;
  }
}

/**
 * Keys the schema itself reads. kubernetes-models adds apiVersion, kind and metadata to every
 * root schema, so a root that reads nothing else is a free-form CRD
 * (`x-kubernetes-preserve-unknown-fields` at the top, like IstioOperator's).
 */
function declaredKeys(access: NodeAccess, pointer: string): string[] {
  const keys = [...access.keys];
  return pointer === '' ? keys.filter(k => !typeMetaKeys.has(k)) : keys;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
