/**
 * A step's key: its name in lowerCamelCase, the identifier references and code steps use.
 *
 * - Accents are dropped (`Café` → `cafe`), then every run of characters other than ASCII letters
 *   and digits separates words: `Fetch my file` → `fetchMyFile`, `CSV to YAML` → `csvToYaml`.
 * - Inside a word, a lower-case letter or digit followed by a capital starts a new word, and so does
 *   the last capital of an acronym followed by a lower-case letter: `getUserID` → `getUserId`,
 *   `XMLParser` → `xmlParser`.
 * - A key that would start with a digit is prefixed with `step` (`2nd pass` → `step2ndPass`),
 *   because keys are JavaScript identifiers in code steps (`stepResults.<key>`).
 * - A name with no letter or digit has the empty key, which validation rejects.
 */
export function stepKey(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const words: string[] = [];
  for (const chunk of ascii.split(/[^A-Za-z0-9]+/)) {
    if (chunk !== "") words.push(...chunk.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/));
  }
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join("");
  return /^[0-9]/.test(key) ? `step${key.charAt(0).toUpperCase()}${key.slice(1)}` : key;
}

/** A flow's key (`RunFacts.flow.key`, webhook paths): the same rule as steps. */
export const flowKey = stepKey;
