"use client";

import { useState } from "react";
import { MenuIcon } from "lucide-react";
import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";
import { Dialog, DialogDescription, DialogSheetContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { NavLinks } from "@/components/shell/nav-links";

/** Phone-width navigation: a menu button that opens the nav as a drawer, closed again on navigation. */
export function MobileNav({ isAdmin }: { isAdmin: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <MenuIcon aria-hidden="true" />
        </Button>
      </DialogTrigger>
      <DialogSheetContent>
        <DialogTitle className="px-1 pt-1">
          <Brand />
        </DialogTitle>
        <DialogDescription className="sr-only">Main navigation</DialogDescription>
        <NavLinks isAdmin={isAdmin} onNavigate={() => setOpen(false)} />
      </DialogSheetContent>
    </Dialog>
  );
}
