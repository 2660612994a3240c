"use client";
/** Someone else saved the draft since it was loaded: show what differs and let the user choose. */
import { serializeDefinitionYaml } from "@/runtime/definition";
import { Modal } from "@/app/_ui/designer/modal";
import { YamlDiff } from "@/app/_ui/designer/yaml-diff";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";
import type { Conflict } from "./use-autosave";

export function ConflictDialog({
  conflict,
  onReload,
  onOverwrite,
}: {
  conflict: Conflict;
  onReload(c: Conflict): void;
  onOverwrite(c: Conflict): void;
}) {
  const d = useDesigner();
  return (
    <Modal title="The draft changed on the server" onClose={() => {}} wide>
      <p className="mb-2 text-sm text-slate-700">
        Someone saved this integration after you opened it, so your changes were not saved. The difference from theirs (−) to yours (+):
      </p>
      <YamlDiff
        before={serializeDefinitionYaml(conflict.server)}
        after={serializeDefinitionYaml(d.draft)}
        label="Their draft against yours"
      />
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onReload(conflict)}>
          Reload theirs (drop mine)
        </Button>
        <Button variant="danger" onClick={() => onOverwrite(conflict)}>
          Overwrite with mine
        </Button>
      </div>
    </Modal>
  );
}
