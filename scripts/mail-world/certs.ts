import fs from 'node:fs/promises';
import path from 'node:path';
import { runOk } from './proc';

export interface WorldCerts {
  caPem: string;
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

// A throwaway CA plus a server certificate for 127.0.0.1/localhost, so tests can verify TLS for real
// by trusting the CA explicitly instead of disabling certificate checks.
export async function makeCerts(dir: string): Promise<WorldCerts> {
  await fs.mkdir(dir, { recursive: true });
  const f = (n: string) => path.join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await runOk('openssl', [
    'req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '30',
    '-subj', '/CN=Mailroom Mail World Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await runOk('openssl', ['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost']);
  await fs.writeFile(
    f('server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n',
  );
  await runOk('openssl', [
    'x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial',
    '-out', f('server.crt'), '-days', '30', '-extfile', f('server.ext'),
  ]);
  await fs.chmod(f('server.key'), 0o600);
  const [caPem, certPem, keyPem] = await Promise.all([
    fs.readFile(f('ca.crt'), 'utf8'),
    fs.readFile(f('server.crt'), 'utf8'),
    fs.readFile(f('server.key'), 'utf8'),
  ]);
  return { caPem, certPem, keyPem, certFile: f('server.crt'), keyFile: f('server.key') };
}
