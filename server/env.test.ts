import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('fills defaults for an empty development environment', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MAILROOM_DATA_DIR).toBe('.data');
    expect(env.INBOUND_SMTP_PORT).toBe(2525);
  });

  it('treats empty strings as unset, as .env.example lists them', () => {
    expect(parseEnv({ DATABASE_URL: '', AUTH_SECRET: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ INBOUND_SMTP_PORT: '70000' }, 'INBOUND_SMTP_PORT'],
    [{ WORKER_SHUTDOWN_DEADLINE_MS: '-5' }, 'WORKER_SHUTDOWN_DEADLINE_MS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  ])('refuses a malformed value and names the variable (%o)', (source, name) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(name);
  });

  it('refuses production without the session secret and the encryption keys, naming both', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET, MAILROOM_ENCRYPTION_KEYS/);
    expect(() => parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) })).toThrow(/MAILROOM_ENCRYPTION_KEYS/);
  });
});
