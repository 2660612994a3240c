import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./_ui/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Junction",
  description: "Build, deploy and monitor integrations for your customers",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
