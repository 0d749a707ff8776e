import { XmlRefusal } from './xml-refusal.js';

/**
 * Small, namespace-aware reads of a parsed document; nothing here ever looks beyond the element it is given. A
 * structure other than the one expected is a malformed message (XmlRefusal), never a crash.
 */

/** The child elements of `parent` with this namespace and local name, in document order. */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === ns && element.localName === localName) found.push(element);
    }
  }
  return found;
}

/** The one child element with this name; undefined when absent; more than one is malformed. */
export function onlyChild(parent: Element, ns: string, localName: string): Element | undefined {
  const children = childElements(parent, ns, localName);
  if (children.length > 1) throw new XmlRefusal('malformed', `The message has more than one ${localName} in ${parent.localName}.`);
  return children[0];
}

/** The text of an element (its text and CDATA children, trimmed); comments are never part of it. */
export function textOf(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 || node.nodeType === 4) text += node.nodeValue ?? '';
    else if (node.nodeType === 1) throw new XmlRefusal('malformed', `The message's ${element.localName} must hold text only.`);
  }
  return text.trim();
}

/** An attribute's value, or undefined when the attribute is absent. */
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? element.getAttribute(name) ?? undefined : undefined;
}

/** Every element of the document, the root included. */
export function allElements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>);
}
