"use client";
import type { ReactNode } from "react";
import { Modal } from "@/app/_ui/designer/modal";
import { Button } from "@/app/_ui/ui";
import { useRegistryInstall } from "./use-registry-install";

/** The one install confirmation: what is about to be installed, then Cancel or Install. */
export function ConfirmInstallDialog({
  title,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  pending: boolean;
  error?: string | null;
  onConfirm(): void;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Modal title={title} onClose={onClose}>
      <div className="space-y-2 text-sm text-slate-700">{children}</div>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={pending} onClick={onConfirm}>
          {pending ? "Installing…" : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}

/** Installed versions stay: what an upgrade means for deployed instances. */
export function UpgradeNote({ installed }: { installed: string[] }) {
  return (
    <p>
      Installed now: {installed.join(", ")}. Those stay installed; deployed instances keep the version they were published with until their
      integration is published again with the new one.
    </p>
  );
}

/**
 * Confirms an install or upgrade from the registry. An upgrade installs the new version beside the
 * old: instances keep the version they were published with until their integration is published again.
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
    <ConfirmInstallDialog
      title={upgrade ? `Upgrade to ${name}@${version}?` : `Install ${name}@${version}?`}
      confirmLabel={upgrade ? `Upgrade to ${version}` : `Install ${version}`}
      pending={install.isPending}
      error={install.error?.message}
      onConfirm={() => install.mutate({ spec: `${name}@${version}` })}
      onClose={onClose}
    >
      <p>
        The tarball is downloaded from the registry, checked against its published integrity, bundled and read in the sandbox, as an upload
        is.
      </p>
      {upgrade && <UpgradeNote installed={installed} />}
    </ConfirmInstallDialog>
  );
}
