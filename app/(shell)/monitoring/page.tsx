import { EmptyState, PageHeader } from "../../_ui/ui";

export default function Page() {
  return (
    <>
      <PageHeader title="Monitoring" subtitle="Executions, logs and alerts." />
      <EmptyState title="Nothing here yet." />
    </>
  );
}
