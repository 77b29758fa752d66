import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/nav";
import { Providers } from "@/components/providers";
import { currentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Clickstream Analytics",
  description: "Data quality, attribution, executive summary and monitoring from raw event exports.",
};

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
