/** the integration's icon (an <img>, so an SVG's scripts never run), or its initial */
export function IntegrationIcon({ icon, name }: { icon: string | null; name: string }) {
  if (!icon) {
    return (
      <span
        aria-hidden
        className="flex h-10 w-10 shrink-0 items-center justify-center rounded-md bg-brand-50 text-lg font-semibold text-brand-700"
      >
        {name.slice(0, 1).toUpperCase()}
      </span>
    );
  }
  return <img src={icon} alt="" className="h-10 w-10 shrink-0 rounded-md object-contain" />;
}
