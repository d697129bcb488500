// Wired to the local mail world (issue "Mail world") once it exists.
export async function devMailWorld(_dataDir: string): Promise<{ env: Record<string, string>; banner: string; stop: () => Promise<void> } | undefined> {
  console.warn('The local mail world is not available in this build.');
  return undefined;
}
