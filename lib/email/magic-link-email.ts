export function magicLinkEmail(url: string): { subject: string; html: string; text: string } {
  const safeUrl = url.replace(/"/g, "&quot;");
  return {
    subject: "Sign in to Timebox",
    html: `<p>Click the link below to sign in to Timebox. It works once and expires in 24 hours.</p><p><a href="${safeUrl}">Sign in to Timebox</a></p><p>If you did not ask for this, ignore this email.</p>`,
    text: `Sign in to Timebox: ${url}\n\nThe link works once and expires in 24 hours. If you did not ask for this, ignore this email.`,
  };
}
