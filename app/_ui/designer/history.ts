/**
 * The designer's draft with undo and redo. Edits with the same `tag` within a second and a half
 * (typing into one field) merge into one undo step, so undo does not go back a letter at a time.
 */
import type { Definition } from "@/runtime/definition";

export interface History {
  past: Definition[];
  present: Definition;
  future: Definition[];
  lastTag?: string;
  lastAt?: number;
}

export type HistoryAction =
  | { type: "apply"; next: Definition; tag?: string; at: number }
  | { type: "undo" }
  | { type: "redo" }
  /** a draft from elsewhere (the server, the YAML tab): undoable, but never merged */
  | { type: "replace"; definition: Definition };

const LIMIT = 200;
const MERGE_MS = 1500;

export const initialHistory = (present: Definition): History => ({ past: [], present, future: [] });

export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.type) {
    case "apply": {
      if (action.next === state.present) return state;
      const merge =
        action.tag !== undefined && action.tag === state.lastTag && state.lastAt !== undefined && action.at - state.lastAt < MERGE_MS;
      return {
        past: merge ? state.past : [...state.past, state.present].slice(-LIMIT),
        present: action.next,
        future: [],
        lastTag: action.tag,
        lastAt: action.at,
      };
    }
    case "replace":
      return { past: [...state.past, state.present].slice(-LIMIT), present: action.definition, future: [] };
    case "undo": {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
  }
}
