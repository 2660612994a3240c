import { InstanceDetail } from "./instance-detail";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InstanceDetail id={id} />;
}
