"use client";
import { ConfirmInstallDialog, UpgradeNote } from "./install-confirm";

export interface UploadPreview {
  packageName: string;
  key: string;
  version: string;
  label: string;
  description: string;
  size: number;
  actions: { key: string; label: string }[];
  triggers: { key: string; label: string }[];
  connections: { key: string; label: string }[];
  installedVersions: string[];
}

/** What an uploaded file would install (read by the server, not yet stored), to confirm or cancel. */
export function UploadConfirm({
  fileName,
  preview: p,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  fileName: string;
  preview: UploadPreview;
  pending: boolean;
  error?: string | null;
  onConfirm(): void;
  onClose(): void;
}) {
  const upgrade = p.installedVersions.length > 0;
  return (
    <ConfirmInstallDialog
      title={`Install ${p.packageName}@${p.version}?`}
      confirmLabel={`Install ${p.version}`}
      pending={pending}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>
        <strong>{p.label}</strong> <code className="text-xs text-slate-500">{p.key}</code>, version {p.version}, from {fileName} (
        {(p.size / 1024).toFixed(1)} KB bundled).
      </p>
      {p.description && <p className="text-slate-600">{p.description}</p>}
      <Contents title="Actions" items={p.actions} />
      <Contents title="Triggers" items={p.triggers} />
      <Contents title="Connections" items={p.connections} />
      {upgrade && <UpgradeNote installed={p.installedVersions} />}
    </ConfirmInstallDialog>
  );
}

function Contents({ title, items }: { title: string; items: { key: string; label: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="text-xs font-semibold text-slate-500 uppercase">
        {title} ({items.length})
      </h3>
      <ul className="ml-4 list-disc">
        {items.map((i) => (
          <li key={i.key}>
            {i.label} <code className="text-xs text-slate-500">{i.key}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
