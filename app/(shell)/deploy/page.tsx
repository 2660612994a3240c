import { Suspense } from "react";
import { PageHeader } from "@/app/_ui/ui";
import { DeployFlow } from "./deploy-flow";

export default function Page() {
  return (
    <>
      <PageHeader title="Deploy an integration" subtitle="Choose a customer and a published integration, then configure it page by page." />
      <Suspense>
        <DeployFlow />
      </Suspense>
    </>
  );
}
