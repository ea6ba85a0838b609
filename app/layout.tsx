import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: "Timebox", description: "Just-in-time access to production" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
