import { SubmitButton } from "@/components/signin/submit-button";
import { ProviderIcon } from "@/components/signin/provider-icons";

type ProviderButtonsProps = {
  providers: { id: string; name: string }[];
  redirectTo: string;
  action: (formData: FormData) => Promise<void>;
};

/** One button per redirecting identity provider (OIDC, GitHub, Google). */
export function ProviderButtons({ providers, redirectTo, action }: ProviderButtonsProps) {
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <form key={provider.id} action={action}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <SubmitButton variant="outline" className="w-full">
            <ProviderIcon id={provider.id} />
            Continue with {provider.name}
          </SubmitButton>
        </form>
      ))}
    </div>
  );
}
