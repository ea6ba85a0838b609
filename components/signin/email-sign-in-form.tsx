import { MailIcon } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/signin/submit-button";

type EmailFormProps = { redirectTo: string; action: (formData: FormData) => Promise<void> };

/** Magic-link sign-in: the server emails a one-time link. */
export function EmailSignInForm({ redirectTo, action }: EmailFormProps) {
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div className="grid gap-2">
        <Label htmlFor="signin-email">Work email</Label>
        <Input id="signin-email" name="email" type="email" autoComplete="email" placeholder="you@company.com" required />
      </div>
      <SubmitButton className="w-full">
        <MailIcon aria-hidden="true" />
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
