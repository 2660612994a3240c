/**
 * A table row that is one link: the row's main anchor stretches over the whole row (its ::after
 * covers the row, which positions it), so a click anywhere on the row follows it, and it stays a
 * real anchor — open in a new tab, middle-click, copy the link.
 */
export const ROW_WITH_LINK = "relative hover:bg-slate-50";
export const ROW_LINK =
  "after:absolute after:inset-0 after:content-[''] focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-brand-500 focus-visible:after:ring-inset";
