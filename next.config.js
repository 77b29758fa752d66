/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native / server-only packages stay out of the bundles and are required at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@react-pdf/renderer", "arquero"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "60mb" },
  },
};
module.exports = nextConfig;
