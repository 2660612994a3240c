import { PageHeader } from "@/app/_ui/ui";
import { Marketplace } from "./marketplace";

export default function Page() {
  return (
    <>
      <PageHeader
        title="Components"
        subtitle="Installed component packages, and the npm registry's components to install by name or upgrade."
      />
      <Marketplace />
    </>
  );
}
