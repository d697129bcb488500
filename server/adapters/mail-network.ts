import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { checkAllowListForEnvironment, classifyHost, classifyResolvedAddresses } from '@/server/domain/connect/address-policy';
import { isAllowedPort } from '@/server/domain/connect/connection-settings';

// SSRF guard at the network edge (issue 4): every connect to a user-supplied mail host resolves the
// name, checks every address with the domain policy and connects to a checked address, with the
// hostname kept for TLS. Checked again on every connect, so a DNS change cannot sneak past it.

export type MailNetworkPolicy = {
  allow: readonly string[];
  extraPorts: readonly number[];
  allowInsecure: boolean;
  extraCa?: string;
};

/** A refusal before any connection was made; the message is plain language for the form. */
export class MailGuardError extends Error {
  readonly code = 'EGUARD';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'MailGuardError';
  }
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

// Reads the policy from env once per call site; cheap and keeps tests able to change env before connecting.
export function mailNetworkPolicy(source: Record<string, string | undefined> = process.env): MailNetworkPolicy {
  const allow = list(source.MAILROOM_SSRF_ALLOW);
  const check = checkAllowListForEnvironment({ nodeEnv: source.NODE_ENV, allow, acknowledged: source.MAILROOM_SSRF_ALLOW_IN_PRODUCTION === 'yes' });
  if (!check.ok) throw new Error(check.message);
  const extraPorts = list(source.MAILROOM_EXTRA_MAIL_PORTS).map(Number).filter((p) => Number.isInteger(p) && p > 0 && p < 65536);
  const caFile = source.MAILROOM_EXTRA_CA_FILE?.trim();
  return {
    allow,
    extraPorts: source.NODE_ENV === 'production' && source.MAILROOM_SSRF_ALLOW_IN_PRODUCTION !== 'yes' ? [] : extraPorts,
    allowInsecure: source.NODE_ENV !== 'production' && source.MAILROOM_ALLOW_INSECURE_MAIL === 'yes',
    extraCa: caFile ? fs.readFileSync(caFile, 'utf8') : undefined,
  };
}

export type CheckedEndpoint = { address: string; family: 4 | 6; servername?: string };

// Resolves and checks host+port; throws MailGuardError before any socket is opened.
export async function checkEndpoint(
  protocol: 'imap' | 'smtp',
  host: string,
  port: number,
  policy: MailNetworkPolicy,
  lookup: (host: string) => Promise<string[]> = resolveAll,
): Promise<CheckedEndpoint> {
  if (!isAllowedPort(protocol, port, policy.extraPorts)) {
    throw new MailGuardError(`Port ${port} can’t be used for ${protocol.toUpperCase()}.`, 'port');
  }
  const verdict = classifyHost(host, { allow: policy.allow });
  if (!verdict.allowed) throw new MailGuardError(verdict.message, verdict.reason);
  const addresses = verdict.kind === 'ip' ? [verdict.hostname] : await lookup(verdict.hostname);
  const resolved = classifyResolvedAddresses(addresses, { allow: policy.allow });
  if (!resolved.allowed) throw new MailGuardError(resolved.message, resolved.reason);
  const address = resolved.addresses[0] as string;
  return {
    address,
    family: net.isIPv6(address) ? 6 : 4,
    // SNI must not be an IP literal; certificate checks then use the address itself.
    ...(verdict.kind === 'name' ? { servername: verdict.hostname } : {}),
  };
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    const found = await dns.lookup(host, { all: true, verbatim: true });
    return found.map((a) => a.address);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOTFOUND' || err.code === 'ENODATA') return [];
    throw e;
  }
}

/** TLS options: system roots plus the configured extra CA. Certificate checks are never disabled. */
export function tlsOptions(policy: MailNetworkPolicy, servername?: string) {
  return {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2' as const,
    ...(policy.extraCa ? { ca: [...tlsRootCertificates(), policy.extraCa] } : {}),
    ...(servername ? { servername } : {}),
  };
}

function tlsRootCertificates(): readonly string[] {
  return tls.rootCertificates;
}
