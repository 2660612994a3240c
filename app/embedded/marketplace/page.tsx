import { MarketplaceView } from "../_views/marketplace-view";

export default function Page() {
  return <MarketplaceView />;
}
