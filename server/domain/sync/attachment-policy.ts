// Attachment logging (PRODUCT #9) and the BCC logging size rule (issue 6).

/** PRODUCT #9: attachments are stored when the whole email is *under* 50 MB (50 MiB exactly is not). */
export const MAX_ATTACHMENT_EMAIL_BYTES = 50 * 1024 * 1024;
/** Issue 6 (HubSpot's limit): BCC/forwarded content *over* 2 MB is not logged (2 MiB exactly is). */
export const MAX_BCC_LOGGED_BYTES = 2 * 1024 * 1024;

export type AttachmentMeta = {
  filename: string;
  contentType: string;
  size: number;
  /** Content-ID without brackets, when the part is referenced from the HTML as `cid:`. */
  contentId?: string | null;
  /** Content-Disposition inline or part of multipart/related. */
  inline?: boolean;
};

export type StoredAttachment = AttachmentMeta & { linkedToBody: boolean };

export type AttachmentDecision =
  | { store: true; attachments: StoredAttachment[] }
  | { store: false; reason: 'logging-off' | 'email-too-large'; skipped: number; limitBytes?: number };

export type AttachmentPolicyInput = {
  /** Organization policy: admins can turn attachment logging off (PRODUCT #9). */
  loggingEnabled: boolean;
  /** RFC822.SIZE of the whole email. */
  totalSize: number;
  attachments: readonly AttachmentMeta[];
};

// PRODUCT #9: store all attachments (inline cid: images included, linked to the body) when
// logging is on and the email is under 50 MB; otherwise store none and say why.
export function decideAttachments(input: AttachmentPolicyInput): AttachmentDecision {
  const skipped = input.attachments.length;
  if (!input.loggingEnabled) return { store: false, reason: 'logging-off', skipped };
  // A missing or nonsensical size is treated as too large: we cannot prove it is under the limit.
  if (!Number.isFinite(input.totalSize) || input.totalSize < 0 || input.totalSize >= MAX_ATTACHMENT_EMAIL_BYTES) {
    return { store: false, reason: 'email-too-large', skipped, limitBytes: MAX_ATTACHMENT_EMAIL_BYTES };
  }
  return {
    store: true,
    attachments: input.attachments.map((a) => ({ ...a, linkedToBody: Boolean(a.contentId) && a.inline !== false })),
  };
}

export type BccSizeDecision = { log: true } | { log: false; reason: 'content-too-large'; limitBytes: number };

// Issue 6: mail BCC'd/forwarded to the logging address is not logged when its content is over 2 MB.
export function bccContentAllowed(contentBytes: number): BccSizeDecision {
  if (Number.isFinite(contentBytes) && contentBytes >= 0 && contentBytes <= MAX_BCC_LOGGED_BYTES) return { log: true };
  return { log: false, reason: 'content-too-large', limitBytes: MAX_BCC_LOGGED_BYTES };
}
