"use client";
import { Modal } from "@/app/_ui/designer/modal";
import { Button } from "@/app/_ui/ui";
import { useRegistryInstall } from "./use-registry-install";

/**
 * Confirms an install or upgrade. An upgrade installs the new version beside the old: instances
 * keep the version they were published with until their integration is published again.
 */
export function InstallConfirm({
  name,
  version,
  installed,
  onClose,
}: {
  name: string;
  version: string;
  installed: string[];
  onClose(): void;
}) {
  const install = useRegistryInstall(() => onClose());
  const upgrade = installed.length > 0;
  return (
    <Modal title={upgrade ? `Upgrade to ${name}@${version}?` : `Install ${name}@${version}?`} onClose={onClose}>
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          The tarball is downloaded from the registry, checked against its published integrity, bundled and read in the sandbox, as an
          upload is.
        </p>
        {upgrade && (
          <p>
            Installed now: {installed.join(", ")}. Those stay installed; deployed instances keep the version they were published with until
            their integration is published again with the new one.
          </p>
        )}
      </div>
      {install.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {install.error.message}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={install.isPending} onClick={() => install.mutate({ spec: `${name}@${version}` })}>
          {install.isPending ? "Installing…" : upgrade ? `Upgrade to ${version}` : `Install ${version}`}
        </Button>
      </div>
    </Modal>
  );
}
