"use client";

/** An instance's on/off switch (the org app and the embedded instance view; brand colours follow the embedded theme there). */
export function EnabledSwitch({ enabled, disabled, onToggle }: { enabled: boolean; disabled?: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={enabled}
      aria-label="Enabled"
      disabled={disabled}
      onClick={onToggle}
      className={`relative inline-flex h-5 w-9 items-center rounded-full transition ${enabled ? "bg-brand-600" : "bg-slate-300"}`}
    >
      {/* a literal white: the embedded theme remaps bg-white to its surface colour */}
      <span
        className={`inline-block h-4 w-4 rounded-full bg-[#ffffff] shadow transition ${enabled ? "translate-x-4" : "translate-x-0.5"}`}
      />
    </button>
  );
}
