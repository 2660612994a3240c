/** The wizard's pages as numbered steps; earlier ones can be revisited. */
export function StepIndicator({ steps, current, onPick }: { steps: string[]; current: number; onPick: (i: number) => void }) {
  return (
    <ol aria-label="Wizard steps" className="flex flex-wrap gap-2 text-sm">
      {steps.map((name, i) => (
        <li key={`${i}-${name}`}>
          <button
            type="button"
            onClick={() => onPick(i)}
            aria-current={i === current ? "step" : undefined}
            className={`flex items-center gap-2 rounded-full px-3 py-1 ${
              i === current
                ? "bg-brand-600 text-white"
                : i < current
                  ? "bg-brand-50 text-brand-700 hover:bg-brand-100"
                  : "bg-slate-100 text-slate-500"
            }`}
          >
            <span className="font-semibold">{i + 1}</span> {name}
          </button>
        </li>
      ))}
    </ol>
  );
}
