/** Plain-language text for the `?error=` codes Auth.js (and our sign-in actions) send back to /signin. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That user could not be signed in. Pick someone from the list.",
  AccessDenied: "This account is not allowed to sign in to Timebox.",
  Verification: "That sign-in link has expired or was already used. Request a new one.",
  Configuration: "Sign-in is not set up correctly on the server. Ask your Timebox administrator to check the logs.",
  OAuthAccountNotLinked: "This email already signs in another way. Use the method you used before.",
  EmailSignin: "The sign-in email could not be sent. Try again in a moment.",
  InvalidEmail: "Enter a valid email address.",
  SessionRequired: "Sign in to continue.",
};

const PROVIDER_FAILED = "The identity provider did not complete the sign-in. Try again.";

export function signInErrorMessage(code: string): string {
  if (MESSAGES[code]) return MESSAGES[code];
  if (/^OAuth|Callback/.test(code)) return PROVIDER_FAILED;
  return "Sign-in failed. Try again.";
}
