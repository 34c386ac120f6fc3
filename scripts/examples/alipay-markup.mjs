// Well-formedness of AXML (and WXML): every tag closed in order, attributes quoted, `{{ }}`
// balanced, comments closed. Not Alipay's compiler (none runs offline, platform-facts §10): it
// catches the mistakes that make a page fail to build, not every rule the IDE applies.

const VOID = new Set(['import', 'include', 'input', 'image', 'icon', 'progress', 'slider', 'switch']);
const NAME = /^[a-zA-Z][\w.:-]*$/;

/** Problems found in one markup file, as `line N: …` strings; empty when well-formed. */
export function markupProblems(text) {
  const problems = [];
  const open = [];
  let i = 0;
  const lineAt = (index) => text.slice(0, index).split('\n').length;
  const mustaches = (chunk, at) => {
    const opens = chunk.split('{{').length - 1;
    const closes = chunk.split('}}').length - 1;
    if (opens !== closes) problems.push(`line ${lineAt(at)}: unbalanced {{ }}`);
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      mustaches(text.slice(i), i);
      break;
    }
    mustaches(text.slice(i, lt), i);
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) {
        problems.push(`line ${lineAt(lt)}: comment never closed`);
        break;
      }
      i = end + 3;
      continue;
    }
    // A tag: scan to its `>`, honouring quotes (attribute values may hold `>` in expressions).
    let j = lt + 1;
    let quote = null;
    while (j < text.length && (quote || text[j] !== '>')) {
      if (quote && text[j] === quote) quote = null;
      else if (!quote && (text[j] === '"' || text[j] === "'")) quote = text[j];
      j++;
    }
    if (j >= text.length) {
      problems.push(`line ${lineAt(lt)}: tag never closed with >`);
      break;
    }
    const tag = text.slice(lt + 1, j);
    i = j + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const expected = open.pop();
      if (!expected) problems.push(`line ${lineAt(lt)}: </${name}> closes nothing`);
      else if (expected.name !== name) {
        problems.push(`line ${lineAt(lt)}: </${name}> closes <${expected.name}> of line ${expected.line}`);
      }
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = body.split(/\s/)[0];
    if (!NAME.test(name)) {
      problems.push(`line ${lineAt(lt)}: bad tag name "${name}"`);
      continue;
    }
    // Attributes: name, or name="value" / name='value'.
    const attributes = body.slice(name.length);
    const attribute = /\s*([^\s=]+)(?:\s*=\s*("[^"]*"|'[^']*'))?/y;
    let k = 0;
    while (k < attributes.length) {
      if (/^\s*$/.test(attributes.slice(k))) break;
      attribute.lastIndex = k;
      const match = attribute.exec(attributes);
      if (!match || /["'=]/.test(match[1])) {
        problems.push(
          `line ${lineAt(lt)}: malformed attribute in <${name}>: ${attributes.slice(k).trim().slice(0, 40)}`,
        );
        break;
      }
      if (match[2]) mustaches(match[2], lt);
      k = attribute.lastIndex;
    }
    if (!selfClosing && !VOID.has(name)) open.push({ name, line: lineAt(lt) });
  }
  for (const tag of open) problems.push(`line ${tag.line}: <${tag.name}> never closed`);
  return problems;
}
