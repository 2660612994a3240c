import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/app/_server/auth/page-paths";

/**
 * Tells server components which page was asked for (they are not given the URL), so a signed-out
 * visit goes to sign-in with `next` and a customer user's visit to an organization page is turned
 * away before the page renders. No database here: the session is checked where the page renders.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // the page's own query, without the cache key Next adds to its in-app navigations
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.size ? `?${search}` : "";
  // always overwritten: a value the browser sent is never trusted
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${query}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // pages only: not the API, Next's assets or files with an extension
  matcher: ["/((?!api/|_next/|embedded/|oauth2/|.*\\.[a-zA-Z0-9]+$).*)"],
};
