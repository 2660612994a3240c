/** A flow by the name the designer shows, its key (as in webhook URLs) under it in small type. */
export function FlowName({ name, flowKey }: { name: string; flowKey: string }) {
  return (
    <>
      <div className="whitespace-nowrap">{name}</div>
      {name !== flowKey && <div className="font-mono text-[11px] text-slate-400">{flowKey}</div>}
    </>
  );
}
