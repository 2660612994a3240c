/** Interactive questions for `junction login` when a flag is left out and stdin is a terminal. */
import { createInterface } from "node:readline";

export const canPrompt = () => Boolean(process.stdin.isTTY);

/** Asks one question on stderr (stdout stays clean for output); `hidden` echoes nothing, for passwords. */
export function ask(question: string, options: { hidden?: boolean; default?: string } = {}): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const label = options.default ? `${question} (${options.default}): ` : `${question}: `;
  if (options.hidden) {
    // readline echoes what is typed through _writeToOutput; print the question only
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    out._writeToOutput = (s: string) => {
      if (s.includes(label)) out.output.write(label);
      else if (s.includes("\n") || s.includes("\r")) out.output.write("\n");
    };
  }
  return new Promise((resolve) => {
    rl.question(label, (answer) => {
      rl.close();
      resolve(answer.trim() || options.default || "");
    });
  });
}
