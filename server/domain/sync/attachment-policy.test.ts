import { describe, expect, it } from 'vitest';
import { bccContentAllowed, decideAttachments, MAX_ATTACHMENT_EMAIL_BYTES, MAX_BCC_LOGGED_BYTES, type AttachmentMeta } from './attachment-policy';

const MB = 1024 * 1024;
const files: AttachmentMeta[] = [
  { filename: 'offer.pdf', contentType: 'application/pdf', size: 120_000 },
  { filename: 'logo.png', contentType: 'image/png', size: 3_000, contentId: 'logo@x', inline: true },
];

describe('decideAttachments (PRODUCT #9)', () => {
  it('limit constants are what the product says', () => {
    expect(MAX_ATTACHMENT_EMAIL_BYTES).toBe(52_428_800);
    expect(MAX_BCC_LOGGED_BYTES).toBe(2_097_152);
  });

  it.each<[string, boolean, number, boolean, string?]>([
    ['small email, logging on', true, 200_000, true],
    ['zero bytes', true, 0, true],
    ['1 byte under 50 MB', true, 50 * MB - 1, true],
    ['exactly 50 MB is not under 50 MB', true, 50 * MB, false, 'email-too-large'],
    ['1 byte over 50 MB', true, 50 * MB + 1, false, 'email-too-large'],
    ['60 MB', true, 60 * MB, false, 'email-too-large'],
    ['logging off, small', false, 200_000, false, 'logging-off'],
    ['logging off wins over too large', false, 60 * MB, false, 'logging-off'],
    ['NaN size', true, Number.NaN, false, 'email-too-large'],
    ['negative size', true, -1, false, 'email-too-large'],
    ['infinite size', true, Number.POSITIVE_INFINITY, false, 'email-too-large'],
  ])('%s', (_n, loggingEnabled, totalSize, store, reason) => {
    const d = decideAttachments({ loggingEnabled, totalSize, attachments: files });
    expect(d.store).toBe(store);
    if (!d.store) {
      expect(d.reason).toBe(reason);
      expect(d.skipped).toBe(2);
    }
  });

  it('keeps inline cid: images and links them to the body', () => {
    const d = decideAttachments({ loggingEnabled: true, totalSize: 1000, attachments: [...files, { filename: 'x.png', contentType: 'image/png', size: 1, contentId: 'y', inline: false }] });
    expect(d).toEqual({
      store: true,
      attachments: [
        { ...files[0], linkedToBody: false },
        { ...files[1], linkedToBody: true },
        { filename: 'x.png', contentType: 'image/png', size: 1, contentId: 'y', inline: false, linkedToBody: false },
      ],
    });
  });

  it('an email without attachments is a store with nothing to store', () => {
    expect(decideAttachments({ loggingEnabled: true, totalSize: 10, attachments: [] })).toEqual({ store: true, attachments: [] });
  });

  it('records the limit when too large', () => {
    expect(decideAttachments({ loggingEnabled: true, totalSize: 60 * MB, attachments: [] })).toEqual({ store: false, reason: 'email-too-large', skipped: 0, limitBytes: 50 * MB });
  });
});

describe('bccContentAllowed (issue 6: over 2 MB not logged)', () => {
  it.each<[number, boolean]>([
    [0, true],
    [1, true],
    [2 * MB - 1, true],
    [2 * MB, true],
    [2 * MB + 1, false],
    [30 * MB, false],
    [Number.NaN, false],
    [-5, false],
  ])('%d bytes → log %s', (bytes, log) => {
    const d = bccContentAllowed(bytes);
    expect(d.log).toBe(log);
    if (!d.log) expect(d).toEqual({ log: false, reason: 'content-too-large', limitBytes: 2 * MB });
  });
});
