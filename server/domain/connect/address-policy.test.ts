import { describe, expect, it } from 'vitest';
import { checkAllowListForEnvironment, classifyAddress, classifyHost, classifyResolvedAddresses } from './address-policy';

// Issue 4 SSRF guard: every input below must be refused before any connection.
describe('classifyAddress refuses non-public addresses', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['0.1.2.3', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['198.18.0.1', 'benchmark'],
    ['198.19.255.255', 'benchmark'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fec0::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['::7f00:1', 'ipv4-compatible'],
    ['::10.0.0.1', 'ipv4-compatible'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['100::1', 'reserved'],
    ['64:ff9b:1::a00:1', 'reserved'],
    ['::2:0:0:1', 'reserved'],
    ['4000::1', 'reserved'],
    ['::ffff:0:7f00:1', 'reserved'],
    ['2001:10::1', 'reserved'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['not-an-ip', 'invalid'],
    ['', 'invalid'],
  ])('%s → %s', (address, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.reason).toBe(reason);
      expect(verdict.wrapped).toBeUndefined();
      expect(verdict.message).toMatch(/not allowed/);
    }
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback', 'ipv4-mapped'],
    ['::ffff:7f00:1', 'loopback', 'ipv4-mapped'],
    ['::ffff:10.1.2.3', 'private', 'ipv4-mapped'],
    ['::ffff:a9fe:a9fe', 'metadata', 'ipv4-mapped'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private', 'ipv4-mapped'],
    ['64:ff9b::127.0.0.1', 'loopback', 'nat64'],
    ['64:ff9b::a00:1', 'private', 'nat64'],
    ['64:ff9b::a9fe:a9fe', 'metadata', 'nat64'],
    ['2002:7f00:1::', 'loopback', '6to4'],
    ['2002:c0a8:0101::1', 'private', '6to4'],
    ['2002:a9fe:a9fe::', 'metadata', '6to4'],
  ])('%s hides %s via %s', (address, reason, wrapped) => {
    expect(classifyAddress(address)).toMatchObject({ allowed: false, reason, wrapped });
  });

  it.each([
    ['8.8.8.8', '8.8.8.8'],
    ['1.1.1.1', '1.1.1.1'],
    ['172.32.0.1', '172.32.0.1'],
    ['100.128.0.1', '100.128.0.1'],
    ['198.20.0.1', '198.20.0.1'],
    ['2001:4860:4860::8888', '2001:4860:4860::8888'],
    ['2a00:1450:4001:0829:0000:0000:0000:200e', '2a00:1450:4001:829::200e'],
    ['::ffff:8.8.8.8', '::ffff:808:808'],
    ['64:ff9b::8.8.8.8', '64:ff9b::808:808'],
    ['2002:0808:0808::1', '2002:808:808::1'],
  ])('%s is public', (address, canonical) => {
    expect(classifyAddress(address)).toEqual({ allowed: true, address: canonical, via: 'public' });
  });

  it('the allow-list permits exact addresses only', () => {
    expect(classifyAddress('127.0.0.1', { allow: ['127.0.0.1'] })).toEqual({ allowed: true, address: '127.0.0.1', via: 'allow-list' });
    expect(classifyAddress('0:0:0:0:0:0:0:1', { allow: ['::1'] })).toMatchObject({ allowed: true, via: 'allow-list' });
    expect(classifyAddress('127.0.0.2', { allow: ['127.0.0.1'] })).toMatchObject({ allowed: false, reason: 'loopback' });
    expect(classifyAddress('::ffff:127.0.0.1', { allow: ['127.0.0.1'] })).toMatchObject({ allowed: false, reason: 'loopback' });
  });
});

describe('classifyResolvedAddresses', () => {
  it('refuses a name when any resolved address is private (DNS rebinding)', () => {
    expect(classifyResolvedAddresses(['8.8.8.8', '10.0.0.5'])).toMatchObject({ allowed: false, reason: 'private', address: '10.0.0.5' });
  });
  it('refuses an empty resolution', () => {
    expect(classifyResolvedAddresses([])).toMatchObject({ allowed: false, reason: 'invalid' });
  });
  it('returns canonical addresses when all are public', () => {
    expect(classifyResolvedAddresses(['8.8.4.4', '2001:4860:4860:0:0:0:0:8844'])).toEqual({
      allowed: true,
      addresses: ['8.8.4.4', '2001:4860:4860::8844'],
    });
  });
  it('applies the allow-list to every address', () => {
    expect(classifyResolvedAddresses(['127.0.0.1'], { allow: ['127.0.0.1'] })).toEqual({ allowed: true, addresses: ['127.0.0.1'] });
  });
});

describe('classifyHost refuses hosts before resolving them', () => {
  it.each([
    ['2130706433', 'obfuscated-ip', '127.0.0.1'],
    ['0x7f.0.0.1', 'obfuscated-ip', '127.0.0.1'],
    ['0x7f000001', 'obfuscated-ip', '127.0.0.1'],
    ['0177.0.0.1', 'obfuscated-ip', '127.0.0.1'],
    ['127.1', 'obfuscated-ip', '127.0.0.1'],
    ['0xa9.0xfe.0xa9.0xfe', 'obfuscated-ip', '169.254.169.254'],
    ['3232235777', 'obfuscated-ip', '192.168.1.1'],
    ['010.0.0.1', 'obfuscated-ip', '8.0.0.1'],
  ])('%s → %s (%s)', (host, reason, decoded) => {
    expect(classifyHost(host)).toMatchObject({ allowed: false, reason, decoded });
  });

  it.each([
    ['metadata.google.internal', 'metadata'],
    ['METADATA.google.internal.', 'metadata'],
    ['metadata', 'metadata'],
    ['metadata.goog', 'metadata'],
    ['instance-data', 'metadata'],
    ['instance-data.ec2.internal', 'metadata'],
    ['169.254.169.254', 'metadata'],
    ['[fd00:ec2::254]', 'metadata'],
    ['localhost', 'internal-name'],
    ['imap.localhost', 'internal-name'],
    ['printer.local', 'internal-name'],
    ['db.corp.internal', 'internal-name'],
    ['router.home.arpa', 'internal-name'],
    ['mailserver', 'internal-name'],
    ['127.0.0.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['10.0.0.1', 'private'],
    ['imap.exa\u200bmple.com', 'invalid'],
    ['', 'invalid'],
  ])('%j → %s', (host, reason) => {
    const verdict = classifyHost(host);
    expect(verdict).toMatchObject({ allowed: false, reason });
    if (!verdict.allowed) expect(verdict.message.length).toBeGreaterThan(10);
  });

  it.each([
    ['imap.gmail.com', 'imap.gmail.com', 'name'],
    ['IMAP.Example.com.', 'imap.example.com', 'name'],
    ['mail.bücher.example', 'mail.xn--bcher-kva.example', 'name'],
    ['8.8.8.8', '8.8.8.8', 'ip'],
  ])('%s is allowed', (host, hostname, kind) => {
    expect(classifyHost(host)).toEqual({ allowed: true, hostname, kind, via: 'rules' });
  });

  it('the allow-list also accepts exact host names', () => {
    expect(classifyHost('localhost', { allow: ['localhost'] })).toMatchObject({ allowed: true, via: 'allow-list' });
    expect(classifyHost('127.0.0.1', { allow: ['127.0.0.1'] })).toMatchObject({ allowed: true, kind: 'ip', via: 'allow-list' });
    expect(classifyHost('2130706433', { allow: ['127.0.0.1'] })).toMatchObject({ allowed: false, reason: 'obfuscated-ip' });
  });
});

describe('checkAllowListForEnvironment', () => {
  it.each([
    ['development', ['127.0.0.1'], false, true],
    ['test', ['127.0.0.1', '::1'], false, true],
    [undefined, ['127.0.0.1'], false, true],
    ['production', [], false, true],
    ['production', ['127.0.0.1'], false, false],
    ['production', ['127.0.0.1'], true, true],
    ['development', ['10.0.0.0/8'], false, false],
    ['development', ['not a host!'], false, false],
  ] as const)('NODE_ENV=%s allow=%j acknowledged=%s → ok=%s', (nodeEnv, allow, acknowledged, ok) => {
    const result = checkAllowListForEnvironment({ nodeEnv, allow, acknowledged });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.message).toMatch(/allow-list/);
  });
});
