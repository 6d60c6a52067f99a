/**
 * The handful of DOM matchers the component tests use, so they read like Testing Library's
 * guides without another dependency.
 */
import { expect } from 'vitest';

interface DomMatchers<R = unknown> {
  toHaveFocus(): R;
  toBeDisabled(): R;
  toBeEnabled(): R;
  toBeChecked(): R;
  toBeInTheDocument(): R;
  toHaveAttribute(name: string, value?: string): R;
  toHaveValue(value: string): R;
  toHaveTextContent(text: string | RegExp): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends DomMatchers<T> {}
}

function describe(element: unknown): string {
  if (!(element instanceof Element)) return String(element);
  const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
  return `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> "${name}"`;
}

function asElement(received: unknown): Element {
  if (!(received instanceof Element)) throw new TypeError(`expected an element, got ${String(received)}`);
  return received;
}

function isDisabled(element: Element): boolean {
  return 'disabled' in element && (element as HTMLButtonElement).disabled === true;
}

expect.extend({
  toHaveFocus(received: unknown) {
    const element = asElement(received);
    return {
      pass: element.ownerDocument.activeElement === element,
      message: () =>
        `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to have focus; focus is on ${describe(element.ownerDocument.activeElement)}`,
    };
  },
  toBeDisabled(received: unknown) {
    const element = asElement(received);
    return { pass: isDisabled(element), message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to be disabled` };
  },
  toBeEnabled(received: unknown) {
    const element = asElement(received);
    return { pass: !isDisabled(element), message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to be enabled` };
  },
  toBeChecked(received: unknown) {
    const element = asElement(received) as HTMLInputElement;
    return { pass: element.checked === true, message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to be checked` };
  },
  toBeInTheDocument(received: unknown) {
    const element = asElement(received);
    return {
      pass: element.ownerDocument.contains(element),
      message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to be in the document`,
    };
  },
  toHaveAttribute(received: unknown, name: string, value?: string) {
    const element = asElement(received);
    const actual = element.getAttribute(name);
    const pass = value === undefined ? actual !== null : actual === value;
    return {
      pass,
      message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to have ${name}=${String(value)}, got ${String(actual)}`,
    };
  },
  toHaveValue(received: unknown, value: string) {
    const element = asElement(received) as HTMLInputElement;
    return {
      pass: element.value === value,
      message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to have value ${value}, got ${element.value}`,
    };
  },
  toHaveTextContent(received: unknown, text: string | RegExp) {
    const element = asElement(received);
    const content = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    const pass = typeof text === 'string' ? content.includes(text) : text.test(content);
    return {
      pass,
      message: () => `expected ${describe(element)} ${this.isNot ? 'not ' : ''}to have text ${String(text)}, got "${content}"`,
    };
  },
});
