import { PageHeader } from "@/app/_ui/ui";
import { ComponentList } from "./component-list";
import { UploadPackage } from "./upload-package";

export default function Page() {
  return (
    <>
      <PageHeader title="Components" subtitle="Installed component packages, their versions, actions and inputs." />
      <div className="space-y-6">
        <UploadPackage />
        <ComponentList />
      </div>
    </>
  );
}
