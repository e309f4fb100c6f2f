/**
 * Numeric values of the Kubernetes quantities a LimitRange carries, so that a default request can
 * be checked against its default limit before the API server rejects the object.
 */

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** CPU in millicores; undefined when the text is not a CPU quantity. */
export function cpuMillicores(text: string): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(text);
  if (!match) {
    return undefined;
  }
  const amount = Number(match[1]);
  return match[2] === 'm' ? amount : amount * 1000;
}

/** Memory in bytes; undefined when the text is not a memory quantity. */
export function memoryBytes(text: string): number | undefined {
  const match = /^([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * MEMORY_UNITS[match[2] ?? ''];
}
