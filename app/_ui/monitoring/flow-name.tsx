/** A flow by the name the designer shows, its key (as in webhook URLs) beside it in small type. */
export function FlowName({ name, flowKey }: { name: string; flowKey: string }) {
  return (
    <span>
      {name}
      {name !== flowKey && <span className="ml-1.5 font-mono text-[11px] text-slate-400">{flowKey}</span>}
    </span>
  );
}
