import { EmptyState, PageHeader } from "../../_ui/ui";

export default function Page() {
  return (
    <>
      <PageHeader title="Integrations" subtitle="Integrations your organization builds, versions and deploys." />
      <EmptyState title="Nothing here yet." />
    </>
  );
}
