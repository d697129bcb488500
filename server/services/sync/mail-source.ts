// The MailSource port (CONVENTIONS "Ports and adapters"): what the sync engine needs from an IMAP
// server, nothing more. The imapflow adapter lives in server/adapters/imap/; tests may use a fake.

export type MailAddress = { address: string; name?: string };

/** Metadata of one message from the bulk FETCH (never the body, PRODUCT #7). */
export type MessageMetaRecord = {
  uid: number;
  flags: string[];
  modseq: bigint | null;
  size: number | null;
  internalDate: Date | null;
  /** Raw header values (the adapter unfolds them; domain code normalises ids). */
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  threadIndex: string | null;
  subject: string | null;
  date: Date | null;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Lower-cased noise headers (auto-submitted, precedence, list-id, …) for classification. */
  headers: Record<string, string>;
};

export type FolderListing = { path: string; delimiter: string | null; specialUse: string | null; flags: string[] };

export type OpenedFolder = {
  path: string;
  uidValidity: bigint;
  uidNext: number | null;
  exists: number;
  highestModseq: bigint | null;
  /** UIDs the server reported expunged since the given modseq (QRESYNC VANISHED EARLIER). */
  vanished: number[];
};

export type FlagRecord = { uid: number; flags: string[]; modseq: bigint | null };

export type TextPart = { contentType: 'text/plain' | 'text/html'; text: string };

export interface MailSource {
  readonly capabilities: { condstore: boolean; qresync: boolean; idle: boolean };
  listFolders(): Promise<FolderListing[]>;
  /** Opens read-only; with a known (uidValidity, modseq) and QRESYNC also returns vanished UIDs. */
  openFolder(path: string, known?: { uidValidity: bigint; highestModseq: bigint }): Promise<OpenedFolder>;
  /** STATUS (RFC 3501 §6.3.10, RFC 7162 HIGHESTMODSEQ) without selecting: the cheap "anything new?" probe. */
  statusFolder(path: string): Promise<Omit<OpenedFolder, 'vanished' | 'path'> | null>;
  /** Selects (read-only) the folder unless it is already the selected one, e.g. before IDLE. */
  ensureSelected(path: string): Promise<void>;
  searchUids(query: { since?: Date; minUid?: number }): Promise<number[]>;
  /** Streams metadata; `onBatch` must not issue IMAP commands (it runs inside the FETCH). */
  fetchMeta(uidSet: string, onBatch: (batch: MessageMetaRecord[]) => Promise<void> | void, opts?: { batchSize?: number }): Promise<void>;
  fetchFlags(uidSet: string, changedSince?: bigint | null): Promise<FlagRecord[]>;
  /** Whole raw message, or null when it is gone. */
  fetchRaw(uid: number): Promise<Buffer | null>;
  /** For messages too large to download whole: the readable text parts only (decoded), and how many attachments were left. */
  fetchTextParts(uid: number, maxBytesPerPart: number): Promise<{ parts: TextPart[]; attachmentCount: number } | null>;
  /** Waits for new mail on the open folder (IDLE) until `timeoutMs`; false on timeout/unsupported. */
  waitForChange(timeoutMs: number): Promise<boolean>;
  readonly closed: boolean;
  close(): Promise<void>;
}
