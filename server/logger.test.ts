import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logger redaction (PRODUCT #12, #19)', () => {
  it('censors secrets, bodies and addresses at the top level and one level down', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'canary-pw', mailbox: { accessToken: 'canary-at', refreshToken: 'canary-rt', id: 'mbx-1' }, bodyText: 'canary body', msg2: { subject: 'canary subject', from: 'canary@x.test' } }, 'hello');
    const out = lines.join('');
    expect(out).not.toMatch(/canary/);
    expect(out).toContain('mbx-1');
    expect(out).toContain('[redacted]');
  });
});
