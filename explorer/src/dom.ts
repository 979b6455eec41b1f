// A tiny element builder: the explorer renders plain DOM, no framework.

type Child = Node | string | number | null | undefined | false;

/** Creates an element with attributes (on* keys become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    // Through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
    else if (name === 'style') element.style.cssText = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** A select box whose options are [value, label] pairs. */
export function select(
  label: string,
  name: string,
  options: [string, string][],
  value: string,
  onChange: (value: string) => void,
): HTMLLabelElement {
  const box = h('select', {
    name,
    onchange: (event: Event) => onChange((event.target as HTMLSelectElement).value),
  });
  for (const [optionValue, optionLabel] of options) {
    box.append(h('option', { value: optionValue, selected: optionValue === value }, optionLabel));
  }
  return h('label', {}, `${label} `, box);
}

/** A text input that reports its value on change (Enter or blur). */
export function textInput(
  label: string,
  name: string,
  value: string,
  placeholder: string,
  onChange: (value: string) => void,
): HTMLLabelElement {
  const input = h('input', {
    name,
    value,
    placeholder,
    size: 10,
    onchange: (event: Event) => onChange((event.target as HTMLInputElement).value.trim()),
  });
  return h('label', {}, `${label} `, input);
}
