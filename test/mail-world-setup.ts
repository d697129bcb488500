// Replaced by the mail world (issue "Mail world"): starts Dovecot, SMTP and OAuth for the integration run.
export async function startMailWorldForTests(): Promise<{ info: unknown; stop: () => Promise<void> } | undefined> {
  return undefined;
}
