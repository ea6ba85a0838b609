"use client";

import { useState } from "react";
import { MenuIcon } from "lucide-react";
import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";
import { Dialog, DialogDescription, DialogSheetContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { NavLinks } from "@/components/shell/nav-links";
import { useReviewCount } from "@/components/shell/review-count";

/** Phone-width navigation: a menu button that opens the nav as a drawer, closed again on navigation. */
export function MobileNav({ isAdmin, reviewCount }: { isAdmin: boolean; reviewCount?: number }) {
  const [open, setOpen] = useState(false);
  const waiting = useReviewCount(reviewCount);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" className="relative md:hidden" aria-label={waiting > 0 ? `Open navigation (${waiting} waiting for your review)` : "Open navigation"}>
          <MenuIcon aria-hidden="true" />
          {waiting > 0 && <span className="absolute top-1.5 right-1.5 size-2 rounded-full bg-primary ring-2 ring-background" aria-hidden="true" />}
        </Button>
      </DialogTrigger>
      <DialogSheetContent>
        <DialogTitle className="px-1 pt-1">
          <Brand />
        </DialogTitle>
        <DialogDescription className="sr-only">Main navigation</DialogDescription>
        <NavLinks isAdmin={isAdmin} reviewCount={reviewCount} onNavigate={() => setOpen(false)} />
      </DialogSheetContent>
    </Dialog>
  );
}
