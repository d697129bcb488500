import { describe, expect, it } from 'vitest';
import { formatIp, parseIp, parseIpv4, parseIpv6, parseLooseIpv4 } from './ip-address';

describe('parseIpv4 (canonical dotted quad only)', () => {
  it.each([
    ['1.2.3.4', [1, 2, 3, 4]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
  ])('%s parses', (text, bytes) => {
    expect(parseIpv4(text)).toEqual({ family: 4, bytes });
  });
  it.each(['256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '0x7f.0.0.1', '2130706433', ' 1.2.3.4', '1.2.3.-4', ''])('%j is refused', (text) => {
    expect(parseIpv4(text)).toBeNull();
  });
});

describe('parseLooseIpv4 (inet_aton forms)', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['192.168.257', '192.168.1.1'],
    ['0', '0.0.0.0'],
    ['017700000001', '127.0.0.1'],
    ['1.2.3.4', '1.2.3.4'],
  ])('%s decodes to %s', (text, expected) => {
    const parsed = parseLooseIpv4(text);
    expect(parsed && formatIp(parsed)).toBe(expected);
  });
  it.each(['4294967296', '256.1.1.1', '1.2.3.256', '08.1.1.1', 'abc', '1.2.3.4.5', '', '0x1g'])('%j is not an IPv4 form', (text) => {
    expect(parseLooseIpv4(text)).toBeNull();
  });
});

describe('parseIpv6 and formatIp', () => {
  it.each([
    ['::1', '::1'],
    ['::', '::'],
    ['[::1]', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['::FFFF:7F00:1', '::ffff:7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:4860:4860::8888', '2001:4860:4860::8888'],
    ['64:ff9b::10.0.0.1', '64:ff9b::a00:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('%s → %s', (text, expected) => {
    const parsed = parseIpv6(text);
    expect(parsed && formatIp(parsed)).toBe(expected);
  });
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', 'g::1', '::ffff:999.0.0.1', '1.2.3.4', 'abc', ':::'])('%j is refused', (text) => {
    expect(parseIpv6(text)).toBeNull();
  });
  it('parseIp accepts either family', () => {
    expect(parseIp('8.8.8.8')?.family).toBe(4);
    expect(parseIp('2001:4860::1')?.family).toBe(6);
    expect(parseIp('example.com')).toBeNull();
  });
});
