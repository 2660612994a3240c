import { EmptyState, PageHeader } from "../../_ui/ui";

export default function Page() {
  return (
    <>
      <PageHeader title="Instances" subtitle="Integrations deployed and configured for a customer." />
      <EmptyState title="Nothing here yet." />
    </>
  );
}
