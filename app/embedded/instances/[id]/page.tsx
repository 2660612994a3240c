import { Suspense } from "react";
import { InstanceView } from "../../_views/instance-view";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <InstanceView id={id} />
    </Suspense>
  );
}
