import Link from "next/link";
import { PageHeader } from "@/app/_ui/ui";
import { InstanceList } from "./instance-list";

export default function Page() {
  return (
    <>
      <PageHeader
        title="Instances"
        subtitle="Integrations deployed and configured for a customer."
        actions={
          <Link href="/deploy" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Deploy
          </Link>
        }
      />
      <InstanceList />
    </>
  );
}
