import { redirect } from "next/navigation";
import { currentPrincipal } from "../_server/auth/current-principal";
import { homePathFor, safeNextPath } from "../_server/auth/page-paths";
import { AuthCard } from "../_ui/auth-card";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  // already signed in: straight on, as the server's answer to this request
  const principal = await currentPrincipal();
  if (principal) redirect(next ?? homePathFor(principal.role));
  return (
    <AuthCard title="Sign in" subtitle="Build, deploy and monitor your integrations.">
      {/* without `next`, `/` sends each user to their own start page */}
      <SignInForm destination={next ?? "/"} expired={!!params.expired} />
    </AuthCard>
  );
}
