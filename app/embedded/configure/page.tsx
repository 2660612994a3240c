import { Suspense } from "react";
import { ConfigureView } from "../_views/configure-view";

export default function Page() {
  return (
    <Suspense>
      <ConfigureView />
    </Suspense>
  );
}
