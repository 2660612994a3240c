import { IntegrationsList } from "./integrations-list";

export default function Page() {
  return <IntegrationsList />;
}
