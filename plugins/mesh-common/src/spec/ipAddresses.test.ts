import {
  isIpAddress,
  isIpAddressInRange,
  parseIpAddress,
  parseIpAddressRange,
} from './ipAddresses';
import { cpuMillicores, memoryBytes } from './resourceQuantities';

describe('isIpAddress', () => {
  it.each([
    ['10.34.124.115', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['2001:db8::10', true],
    ['::1', true],
    ['fe80:0:0:0:0:0:0:1', true],
    ['10.0.0.256', false],
    ['010.0.0.1', false],
    ['10.0.0', false],
    ['10.0.0.1\n', false],
    ['2001:db8::1::2', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['gggg::1', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isIpAddress(text)).toBe(expected);
  });
});

describe('parseIpAddressRange', () => {
  it.each([
    ['10.34.124.115/32', '10.34.124.115', true],
    ['10.34.124.115/32', '10.34.124.116', false],
    ['10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.10-10.0.0.20', '10.0.0.20', true],
    ['10.0.0.10-10.0.0.20', '10.0.0.21', false],
    ['2001:db8::/64', '2001:db8::ffff', true],
    ['2001:db8::/64', '10.0.0.1', false],
  ])('%s contains %s: %s', (range, address, expected) => {
    const parsedRange = parseIpAddressRange(range);
    const parsedAddress = parseIpAddress(address);
    expect(
      parsedRange &&
        parsedAddress &&
        isIpAddressInRange(parsedAddress, parsedRange),
    ).toBe(expected);
  });

  it.each([
    '10.0.0.1/24',
    '10.0.0.0/33',
    '10.0.0.20-10.0.0.10',
    '10.0.0.1-2001:db8::1',
    '10.0.0.0/24/1',
    'x',
  ])('rejects %s', text => {
    expect(parseIpAddressRange(text)).toBeUndefined();
  });
});

describe('resource quantities', () => {
  it.each([
    ['100m', 100],
    ['2', 2000],
    ['0.5', 500],
  ])('cpu %s = %d millicores', (text, expected) => {
    expect(cpuMillicores(text)).toBe(expected);
  });

  it.each([
    ['10Mi', 10 * 2 ** 20],
    ['1G', 1e9],
    ['512', 512],
  ])('memory %s = %d bytes', (text, expected) => {
    expect(memoryBytes(text)).toBe(expected);
  });
});
