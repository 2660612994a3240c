import { PageHeader } from "@/app/_ui/ui";
import { MarketplaceList } from "./marketplace-list";

export default function Page() {
  return (
    <>
      <PageHeader title="Marketplace" subtitle="Published integrations you can deploy and configure." />
      <MarketplaceList />
    </>
  );
}
