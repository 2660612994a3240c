import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import { EmbedRoot } from "./_lib/embed-root";
import "./embedded.css";

export const metadata: Metadata = { title: "Junction", robots: { index: false, follow: false } };

/** The embedded views (in the host product's iframe): their own chrome-less layout, not the app's shell. */
export default function EmbeddedLayout({ children }: { children: ReactNode }) {
  return (
    <Suspense>
      <EmbedRoot>{children}</EmbedRoot>
    </Suspense>
  );
}
