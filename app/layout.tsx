import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/nav";
import { Providers } from "@/components/providers";
import { currentUser } from "@/lib/auth/session";
import "./globals.css";

/** Each page names itself (its own `metadata.title`): "Attribution · Clickstream Analytics". Icons and manifest: public/. */
export const metadata: Metadata = {
  title: { default: "Clickstream Analytics", template: "%s · Clickstream Analytics" },
  description: "Data quality, attribution, executive summary and monitoring from raw event exports.",
  applicationName: "Clickstream Analytics",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/icon-192.png", sizes: "192x192", type: "image/png" }],
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { themeColor: "#141a24" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <div className="shell">
          <aside className="sidebar">
            <div className="brand">
              Clickstream Analytics
              <small>from raw daily event exports</small>
            </div>
            <Nav user={user && { name: user.name, role: user.role }} />
          </aside>
          <main className="main">
            <Providers>{children}</Providers>
          </main>
        </div>
      </body>
    </html>
  );
}
