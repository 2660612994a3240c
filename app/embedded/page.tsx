import { redirect } from "next/navigation";

/** /embedded alone opens the marketplace (the fragment, where the session rides, is kept by the browser across the redirect) */
export default function Page() {
  redirect("/embedded/marketplace");
}
