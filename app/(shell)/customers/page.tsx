import { PageHeader } from "@/app/_ui/ui";
import { CustomerList } from "./customer-list";

export default function Page() {
  return (
    <>
      <PageHeader title="Customers" subtitle="The companies you deploy integrations to." />
      <CustomerList />
    </>
  );
}
