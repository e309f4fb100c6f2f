/**
 * IP address, CIDR and range parsing for the addresses a spec pins (LoadBalancer IPs, MetalLB pools).
 *
 * Written by hand rather than with a library because the schema runs in the browser too, and because
 * pool containment needs numeric values that format validators alone do not give.
 */

/** An IP address as a number, with its family. */
export interface ParsedIpAddress {
  family: 4 | 6;
  value: bigint;
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4_PATTERN = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  if (!IPV4_PATTERN.test(text)) {
    return undefined;
  }
  return text
    .split('.')
    .reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
}

function parseIpv6Groups(text: string): string[] | undefined {
  if (text === '') {
    return [];
  }
  const groups = text.split(':');
  return groups.every(g => IPV6_GROUP.test(g)) ? groups : undefined;
}

function parseIpv6(text: string): bigint | undefined {
  // Embedded IPv4 tails and zone ids are legal IPv6 but never needed for a LoadBalancer address.
  if (text.length > 39 || text.split('::').length > 2) {
    return undefined;
  }
  const [headText, tailText] = text.includes('::')
    ? text.split('::')
    : [text, undefined];
  const head = parseIpv6Groups(headText);
  const tail = tailText === undefined ? [] : parseIpv6Groups(tailText);
  if (!head || !tail) {
    return undefined;
  }
  const missing = 8 - head.length - tail.length;
  if (tailText === undefined ? missing !== 0 : missing < 1) {
    return undefined;
  }
  const groups = [...head, ...Array(missing).fill('0'), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** Parses an IPv4 or IPv6 address; undefined when the text is neither. */
export function parseIpAddress(text: string): ParsedIpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) {
    return { family: 4, value: v4 };
  }
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** True when the text is an IPv4 or IPv6 address. */
export function isIpAddress(text: string): boolean {
  return parseIpAddress(text) !== undefined;
}

/** An inclusive address range of one family. */
export interface IpAddressRange {
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

/**
 * Parses a MetalLB pool entry: a CIDR (`10.0.0.0/24`) or an explicit range (`10.0.0.10-10.0.0.20`).
 * Host bits set in a CIDR are rejected because MetalLB rejects them too.
 */
export function parseIpAddressRange(text: string): IpAddressRange | undefined {
  if (text.includes('/')) {
    const [addressText, prefixText, ...rest] = text.split('/');
    const address = parseIpAddress(addressText);
    if (
      !address ||
      rest.length > 0 ||
      !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)
    ) {
      return undefined;
    }
    const bits = address.family === 4 ? 32n : 128n;
    const prefix = BigInt(Number(prefixText));
    if (prefix > bits) {
      return undefined;
    }
    const hostMask = (1n << (bits - prefix)) - 1n;
    if ((address.value & hostMask) !== 0n) {
      return undefined;
    }
    return {
      family: address.family,
      first: address.value,
      last: address.value | hostMask,
    };
  }
  const parts = text.split('-');
  if (parts.length !== 2) {
    return undefined;
  }
  const first = parseIpAddress(parts[0]);
  const last = parseIpAddress(parts[1]);
  if (
    !first ||
    !last ||
    first.family !== last.family ||
    first.value > last.value
  ) {
    return undefined;
  }
  return { family: first.family, first: first.value, last: last.value };
}

/** True when the address lies inside the range. */
export function isIpAddressInRange(
  address: ParsedIpAddress,
  range: IpAddressRange,
): boolean {
  return (
    address.family === range.family &&
    address.value >= range.first &&
    address.value <= range.last
  );
}
