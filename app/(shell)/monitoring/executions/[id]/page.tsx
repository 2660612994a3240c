import { ExecutionPage } from "@/app/_ui/monitoring/execution-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ExecutionPage id={id} />;
}
