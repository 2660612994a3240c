import { EmptyState, PageHeader } from "../../_ui/ui";

export default function Page() {
  return (
    <>
      <PageHeader title="Customers" subtitle="The companies you deploy integrations to." />
      <EmptyState title="Nothing here yet." />
    </>
  );
}
