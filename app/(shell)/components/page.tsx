import { EmptyState, PageHeader } from "../../_ui/ui";

export default function Page() {
  return (
    <>
      <PageHeader title="Components" subtitle="Installed component packages and their actions." />
      <EmptyState title="Nothing here yet." />
    </>
  );
}
