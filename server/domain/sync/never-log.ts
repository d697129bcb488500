// The never-log list (PRODUCT peers list, issue 5 "Noise", issue 7 admin settings) and suppressed
// addresses (issue 8 erase-by-address). Comparison is lower-case ASCII as given: no IDNA
// conversion, so a rule and an address must use the same form (both punycode or both Unicode).
import { addressDomain, normaliseAddress } from './participants';

export type NeverLogRule = { kind: 'address' | 'domain'; value: string };

export type NeverLogMatch =
  | { blocked: false }
  | { blocked: true; by: 'address' | 'domain'; rule: string }
  | { blocked: true; by: 'suppressed'; rule: string };

// Issue 7: "@example.com", ".example.com", "Example.COM." all mean the domain example.com.
export function normaliseDomainRule(value: string): string | null {
  const d = value.trim().toLowerCase().replace(/^@/, '').replace(/^\.+/, '').replace(/\.+$/, '');
  if (d.length === 0 || /[\s@/]/.test(d)) return null;
  return d;
}

function domainCovers(ruleDomain: string, domain: string): boolean {
  // Subdomains included: example.com covers sales.example.com, never badexample.com.
  return domain === ruleDomain || domain.endsWith('.' + ruleDomain);
}

// Issue 5/7 never-log (addresses and whole domains, subdomains included) and issue 8 suppression.
export function matchNeverLog(address: string, rules: readonly NeverLogRule[], suppressed: ReadonlySet<string> = new Set()): NeverLogMatch {
  const a = normaliseAddress(address);
  if (!a) return { blocked: false };
  // Suppression (erasure) outranks any rule: it is a legal obligation, not a preference.
  if (suppressed.has(a)) return { blocked: true, by: 'suppressed', rule: a };
  const domain = addressDomain(a);
  for (const rule of rules) {
    if (rule.kind === 'address') {
      if (normaliseAddress(rule.value) === a) return { blocked: true, by: 'address', rule: rule.value };
    } else {
      const d = normaliseDomainRule(rule.value);
      if (d && domain && domainCovers(d, domain)) return { blocked: true, by: 'domain', rule: rule.value };
    }
  }
  return { blocked: false };
}

export type BlockedAddress = { address: string; by: 'address' | 'domain' | 'suppressed'; rule: string };

// Issue 5/7: every blocked address among a message's participants (used by the capture decision).
export function findBlocked(addresses: readonly string[], rules: readonly NeverLogRule[], suppressed: ReadonlySet<string> = new Set()): BlockedAddress[] {
  const out: BlockedAddress[] = [];
  for (const address of addresses) {
    const m = matchNeverLog(address, rules, suppressed);
    if (m.blocked) out.push({ address: normaliseAddress(address) ?? address, by: m.by, rule: m.rule });
  }
  return out;
}
