/**
 * A tiny XML reader for the simple documents storage APIs answer with (elements, attributes, text,
 * CDATA, the five entities and numeric references; no DTDs). The sandbox has no DOMParser and a
 * package brings no dependencies, so this is vendored here.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** the element's own text (children's text not included) */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/** sticky: matches at lastIndex only, so a long document is not copied for each tag */
const START_TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`Malformed XML at character ${i}: ${why}`);
  };
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    const top = stack[stack.length - 1];
    if (lt === -1) {
      top.text += decode(source.slice(i));
      break;
    }
    if (lt > i) top.text += decode(source.slice(i, lt));
    i = lt;
    if (source.startsWith("<?", i)) {
      i = source.indexOf("?>", i);
      if (i === -1) fail("unterminated <?");
      i += 2;
    } else if (source.startsWith("<!--", i)) {
      i = source.indexOf("-->", i);
      if (i === -1) fail("unterminated comment");
      i += 3;
    } else if (source.startsWith("<![CDATA[", i)) {
      const end = source.indexOf("]]>", i);
      if (end === -1) fail("unterminated CDATA");
      top.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith("<!", i)) {
      i = source.indexOf(">", i);
      if (i === -1) fail("unterminated <!");
      i += 1;
    } else if (source.startsWith("</", i)) {
      const end = source.indexOf(">", i);
      if (end === -1) fail("unterminated end tag");
      const name = source.slice(i + 2, end).trim();
      if (stack.length === 1 || top.name !== name) fail(`</${name}> does not close <${top.name}>`);
      stack.pop();
      i = end + 1;
    } else {
      START_TAG.lastIndex = i;
      const tag = START_TAG.exec(source);
      if (!tag) fail("bad start tag");
      const [whole, name, attrs, selfClosing] = tag!;
      const element: XmlElement = { name, attributes: {}, children: [], text: "" };
      for (const m of attrs.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) element.attributes[m[1]] = decode(m[2] ?? m[3] ?? "");
      top.children.push(element);
      if (!selfClosing) stack.push(element);
      i += whole.length;
    }
  }
  if (stack.length > 1) fail(`<${stack[stack.length - 1].name}> is not closed`);
  const element = root.children[0];
  if (!element) throw new Error("Malformed XML: no element");
  return element;
}

/** Children named `name` (namespace prefixes ignored). */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return (element?.children ?? []).filter((c) => c.name === name || c.name.endsWith(":" + name));
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenNamed(element, name)[0];
}

/** The text of the first child named `name`, or undefined when there is none. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  return child(element, name)?.text;
}
