"use client";

import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { Toaster } from "@/components/ui/sonner";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Server components render fresh data; a short stale time avoids refetching it on mount.
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: 1,
      },
    },
  });
}

/** Client-side context for every page: data fetching, light/dark theme, toasts. */
export function Providers({ children }: { children: React.ReactNode }) {
  // One client per browser tab, created lazily so that it survives re-renders.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
        {children}
        <Toaster position="bottom-right" />
      </ThemeProvider>
    </QueryClientProvider>
  );
}
