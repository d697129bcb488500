import { createSmtpTransport, type SmtpTarget } from './smtp-connect';
import { classifyMailError, describeError, type ClassifiedError } from '@/server/domain/errors/classify';

// Hands one pre-built raw message to SMTP (PRODUCT #1, #10). The caller built the bytes once (mime-build.ts)
// and appends the very same bytes to the sent folder.

export type SmtpSendResult =
  | { ok: true; accepted: string[]; rejected: string[]; response: string }
  | {
      ok: false;
      /** The server answered with a final 4xx/5xx, or the failure came before DATA: nothing was delivered. */
      notDelivered: boolean;
      /** SMTP reply code when the server gave one. */
      smtpCode: number | null;
      error: ClassifiedError;
    };

// Commands after which a failure cannot have delivered anything (nodemailer's `command` on the error).
const BEFORE_DATA = /^(CONN|EHLO|HELO|STARTTLS|AUTH|MAIL|RCPT|API)/i;

export async function sendRaw(target: SmtpTarget, o: { from: string; recipients: string[]; raw: Buffer }): Promise<SmtpSendResult> {
  let transport;
  try {
    transport = await createSmtpTransport(target);
  } catch (err) {
    return { ok: false, notDelivered: true, smtpCode: null, error: classifyMailError(describeError(err, 'smtp')) };
  }
  try {
    const info = await transport.sendMail({ envelope: { from: o.from, to: o.recipients }, raw: o.raw });
    const accepted = (info.accepted ?? []).map(String);
    const rejected = (info.rejected ?? []).map(String);
    return { ok: true, accepted, rejected, response: String(info.response ?? '') };
  } catch (err) {
    const e = err as { command?: string; responseCode?: number; code?: string };
    const smtpCode = typeof e.responseCode === 'number' ? e.responseCode : null;
    // A final reply to DATA (or any earlier command) means the server did not take the message.
    const notDelivered = smtpCode !== null || e.code === 'EAUTH' || e.code === 'EENVELOPE' || (typeof e.command === 'string' && BEFORE_DATA.test(e.command));
    return { ok: false, notDelivered, smtpCode, error: classifyMailError(describeError(err, 'smtp')) };
  } finally {
    transport.close();
  }
}
